"""Word lists of the extraction and relation rules, in one place.

Each list is a named frozenset of lower-case words (lemmas for nouns and
verbs). Lists meant to be disjoint are declared in :data:`DISJOINT` and a
test checks them; a list derived from others is written as the set
expression that makes it, so one word is listed once.
"""

from __future__ import annotations


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# ---------------------------------------------------------------- roles of people

#: Role nouns that make the person the leader of what follows or precedes.
LEADER_ROLES = _words("""president premier leader chief head ceo chairman chairwoman chairperson chair
governor mayor king queen chancellor emperor monarch sultan emir pope dictator boss founder rector provost
headmaster headmistress
prime-minister secretary-general commander-in-chief""")

#: Offices of two or three words whose last word alone is a staff role: the holder leads ("Prime Minister X",
#: "chief executive of X", "head coach of X"), as the ontology's leaderOf says.
LEADER_COMPOUNDS = frozenset(tuple(p.split()) for p in """prime minister|chief minister|first minister|chief executive
|chief executive officer|head coach|managing director|director general|secretary general|executive director""".split("|"))

#: Offices of a head of state or government that news writes bare before a name ("President X",
#: "Prime Minister X"): with no country written, the office is most often that of the country the
#: article is about (measured in docs/development.md, "A head of state's title written bare").
STATE_HEAD_TITLES = _words("president chancellor premier king queen emperor emir sultan monarch")

#: Bare offices only some states have: a federal chancellor heads Germany or Austria, whatever
#: country the article is most about.
TITLE_COUNTRIES = {"chancellor": ("Germany", "Austria")}

#: Words before a leader's office that make the holder its deputy, who works for what the leader leads
#: ("Vice President X", "Deputy Prime Minister X", "vice-chairman").
DEPUTY_WORDS = _words("deputy vice assistant")

#: A firm's departments, written before a leader's noun: "its personnel chief X", "marketing head X" lead the
#: department, a part of the firm, and so work for the firm.
DEPARTMENT_WORDS = _words("""personnel marketing sales technology operations legal communications investment
strategy compliance procurement purchasing hr engineering""")

#: Words before a leader's noun that make the holder lead a group inside a country, not the country: "the
#: country's opposition leader X", "Veltrian rebel leader X" are its citizens, not its leaders; so is a state
#: agency's chief ("Veltrian intelligence chief X", "the bloc's foreign policy chief X").
GROUP_LEADER_WORDS = _words("""opposition rebel rebels separatist separatists militia insurgent insurgents militant
guerrilla protest student tribal clan union party community business religious spiritual police army military
navy intelligence spy security policy""")

#: Role nouns that make the person work for the organization or country.
WORK_ROLES = _words("""spokesperson spokesman spokeswoman adviser advisor minister secretary official
ambassador envoy correspondent reporter journalist editor analyst researcher scientist professor lecturer
economist diplomat employee executive staffer worker lawyer attorney agent negotiator representative
coach manager director aide consultant engineer officer general colonel lieutenant sergeant
commander admiral captain investigator prosecutor judge inspector strategist intern producer writer
columnist photographer anchor host president-elect vice-president undersecretary counterpart commissioner dean""")

#: Work roles a country does not employ: before a country or its nationality word they say where the person is
#: from ("a British journalist", "the Spanish director"), not whom they work for.
PRIVATE_ROLES = _words("""correspondent reporter journalist editor analyst researcher scientist professor lecturer
economist lawyer attorney engineer consultant producer writer columnist photographer anchor host director""")

#: Cabinet roles: of a state or province ("Tarsk's interior minister") they say whose government employs the
#: person, not only where the person lives.
CABINET_ROLES = _words("minister secretary")

#: Role nouns that make the person a member of the group ("deputy": a member of parliament).
MEMBER_ROLES = _words("""member lawmaker legislator senator congressman congresswoman mp mep parliamentarian deputy
player striker midfielder defender goalkeeper keeper goalie winger activist fighter militant soldier trooper partisan
candidate politician""")

#: Abbreviated titles and the role nouns they stand for: "Louisiana Gov. Earl Long", "Arizona Sen. Ann Roe".
ROLE_ABBREVIATIONS = {"gov": "governor", "sen": "senator", "rep": "representative", "gen": "general",
                      "lt": "lieutenant", "col": "colonel", "sgt": "sergeant", "capt": "captain", "adm": "admiral",
                      "cmdr": "commander", "pres": "president", "supt": "superintendent", "insp": "inspector"}

#: Role nouns that go with a place-named employer: "a Cambridge researcher" means Cambridge University.
ACADEMIC_ROLES = _words("researcher scientist professor lecturer student scholar academic economist")

#: Department words that belong to a title, not an employer: "U.S. Defense Secretary Lloyd Austin".
PORTFOLIO_WORDS = _words("""defense defence foreign interior finance justice health education trade
energy treasury state home agriculture labor labour transport transportation commerce economy culture
environment security intelligence""")

# ---------------------------------------------------------------- where people are from

#: Person nouns that say where someone lives or comes from: "an Ogden native", "a resident of Leeds".
HOME_NOUNS = _words("native resident citizen inhabitant")

#: Person nouns that say only which country someone is from ("North Korean soldier X"); with
#: :data:`HOME_NOUNS` they make :data:`ORIGIN_NOUNS`.
NATIONALITY_NOUNS = _words("""soldier troops national man woman boy girl student worker
refugee defector tourist businessman businesswoman athlete billionaire millionaire tycoon magnate oligarch
entrepreneur""")

#: Every person noun that says where someone is from.
ORIGIN_NOUNS = NATIONALITY_NOUNS | HOME_NOUNS - {"inhabitant"}

#: Nouns after a town naming someone who lives there, as the mention finder reads them: "a Bemidji native".
HOME_WORDS = _words("native resident")

#: Nouns naming where someone lives or was born: "her Leeds home", "his Ogden hometown", "Ann Roe's Ohio birthplace".
HOME_PLACE_NOUNS = _words("home hometown homeland birthplace")

# ---------------------------------------------------------------- verbs

#: Verbs whose subject leads their object ("Ann Roe heads the party").
LEAD_VERBS = _words("lead head chair run govern rule command direct")

#: Words whose "to" infinitive is an aim, a forecast or a refusal, not a deed: "wants to lead Acme", "is
#: expected to join Acme", "refused to head the party" state no role.
AIM_WORDS = _words("""want hope plan seek aim try attempt intend expect wish refuse decline fail threaten vow
promise pledge offer propose consider prepare ask urge plot set due likely poised tip bid struggle""")

#: Verbs whose object, or passive subject, is given the role their "to" infinitive names: "was elected to lead
#: the party", "the board chose Ann Roe to run Acme".
APPOINT_VERBS = _words("appoint elect re-elect name choose pick select tap hire")

#: Verbs that dispute the clause they report: "X denied that he leads Y".
DENY_VERBS = _words("deny dismiss reject refute debunk")

#: Modal verbs of a mere possibility: "X could be named head of Y" holds no role yet.
POSSIBILITY_MODALS = _words("could might may")

#: Words that open a question: "Is X the head of Y?" and "asked whether X worked for Y" assert nothing.
QUESTION_MARKS = _words("whether")

#: Nouns naming talk no one stands behind: "rumours that X heads Y".
RUMOUR_NOUNS = _words("rumour rumor speculation hearsay gossip")

#: Verbs whose organization subject takes their object on: "Acme hired Ann Roe", "Tarsk Rovers signed Ann Roe".
HIRE_VERBS = _words("hire employ recruit sign")

#: Verbs of a visit or a meeting: an official met somewhere is not based there.
VISIT_VERBS = _words("meet visit arrive travel fly attend welcome receive greet host")

#: Verbs whose subject works for their object ("she joined Acme", "he represents Norway").
WORK_VERBS = _words("join represent serve employ")

#: Verbs whose subject lives in the place after "in" ("she lives in Leeds", "he grew up in Ogden").
LIVE_VERBS = _words("live reside grow raise")

#: Verbs whose subject comes from the place after "from" ("Ann Roe is from Ogden", "he hails from Leeds").
FROM_VERBS = _words("be hail")

#: Verbs whose subject killed their object ("Brask shot Hale").
KILL_VERBS = _words("kill murder assassinate slay execute shoot behead strangle stab")

#: Verbs tying a culprit to a crime named by a noun: "convicted of X's murder", "acted alone in the X slaying".
CULPRIT_VERBS = _words("""convict sentence serve arrest charge accuse try indict execute suspect jail imprison
confess plead act hang blame commit""")

#: Verbs of saying whose subject is a person rather than an organization ("Ludwig Braun said").
SAY_VERBS = _words("say tell add explain insist warn argue claim admit stress note recall")

#: Nouns of kin ("his daughter X", "X's wife"): only a person has them.
KIN_NOUNS = _words("wife husband son daughter mother father brother sister widow widower fiancee fiance")

#: Words that open a storm's name ("Hurricane Elna", "Tropical Storm Bret"): a weather event, no person or place.
STORM_WORDS = _words("hurricane typhoon cyclone storm superstorm")

#: Lower-case nouns of vessels written right before a ship's name ("the oil tanker Clara Dunmore", "the ferry
#: Tarsk Star"): a ship, no person or place. "carrier" is left out: "the carrier Velt Air" is an airline.
VESSEL_WORDS = _words("""ship tanker vessel freighter ferry yacht trawler frigate destroyer submarine cruiser liner
warship icebreaker""")

#: Prefixes of ships' names, written in capitals ("MV Clara Dunmore", "HMS Tarsk"); "SS" and "MS" name other
#: things as often.
VESSEL_PREFIXES = _words("mv hms uss rms")

# ---------------------------------------------------------------- killings

#: Nouns naming a killer: "Hale assassin Tom Brask".
KILLER_NOUNS = _words("assassin killer murderer slayer")

#: Nouns naming a killing: "the slaying of X", "X's assassination".
KILLING_NOUNS = _words("assassination murder killing slaying shooting")

#: Objects that make a killing verb no killing: "shot a film", "executed the plan", "killed the bill".
NONLETHAL_OBJECTS = _words("""film movie video footage scene documentary picture photo photograph image episode
commercial clip goal ball penalty kick round plan order strategy move contract trade warrant bill deal proposal
project idea law legislation measure reform programme program engine light lights time story chance hope hopes
momentum talks motion""")

#: Nouns that set what happens in a sentence in a made-up story: "In the novel, X kills Y".
FICTION_NOUNS = _words("""novel novella film movie opera thriller sitcom screenplay libretto fable fairytale fiction
character sequel prequel trilogy musical ballet cartoon videogame play""")

#: Verbs of acting a part: "X plays a soldier who shoots Y", "X portrays the man who kills Y".
ACTING_VERBS = _words("play portray star depict")

#: Nouns between a culprit's verb and the crime: "serving a life sentence for the slaying of X".
PENALTY_NOUNS = _words("sentence term time trial charge conviction role part")

# ---------------------------------------------------------------- organizations

#: Last words of organization names strong enough to retype a place or person span ("Parti Québécois" tagged GPE).
STRONG_ORG_HEADS = _words("""forces service ministry agency council committee commission party army navy
police court bank university institute parliament association federation foundation corps company
corporation organization organisation authority league club movement alliance coalition chamber board
bureau directorate inc ltd llc plc ag gmbh corp zeitung gazette herald tribune programme program""")

#: Kind nouns that, as "the institute" or "the ministry", stand for the one organization named before whose
#: name ends with them ("the Tarsk Research Institute ... a biologist at the institute"); "union" is left out
#: ("the union" after "European Union" is as often a workers' union).
ANAPHOR_KINDS = _words("""ministry agency council committee commission party court bank university institute
parliament association federation foundation company corporation organization organisation authority league club
movement alliance coalition chamber board bureau directorate academy college school hospital museum society
trust fund""")

#: Legal forms of companies as written after their names (case-sensitive: "Ag" or "Sa" may be a name's word).
LEGAL_FORMS = frozenset("AG GmbH KGaA Inc Inc. Ltd Ltd. plc PLC LLC Corp Corp. N.V. B.V. S.A. SpA S.p.A.".split())

#: Capitalized last words of company names that end no person's or place's name ("Tarsk Motors said ...").
COMPANY_HEADS = _words("""motor motors airlines airways industries holdings pharmaceuticals technologies electronics
enterprises laboratories logistics chemicals telecommunications petroleum breweries shipping mining insurance
foods textiles biotech pharma software ventures investments securities studios publishing cosmetics aerospace
automotive semiconductors refineries robotics systems networks solutions labs energy oil terminals
lines coaches ferries railways""")

def company_ending(word: str) -> bool:
    """True for a word closing a company's name: a legal form as written ("AG") or a capitalized company head."""
    return word in LEGAL_FORMS or word.lower() in COMPANY_HEADS and word[:1].isupper()


#: Heads of bodies named after a person in full ("the Anna Vell Foundation", "the Ivo Tarsk Institute"): the NER often
#: leaves the given name out of such a name.
PERSON_NAMED_HEADS = _words("foundation stiftung institute centre center fund trust school college academy library museum")

#: Last words of newspapers' names after their city ("the Tarsk Tribune", "the Orlin Globe"): a city's name and one of
#: them name a paper, never a person, whatever the sentence's verbs say.
PAPER_TITLE_WORDS = _words("""times post tribune herald gazette journal chronicle globe courier examiner inquirer
telegraph independent observer sentinel dispatch""")

#: Last words of organization names too common in other names to retype a span ("Soviet Union", "Red Cross Office").
WEAK_ORG_HEADS = _words("""force services office department guard guards group assembly senate congress church
front administration co union times post journal network channel broadcaster cabinet government ministries
trust fund society academy college school hospital clinic watch initiative forum""")

#: Heads of a state's own bodies: after a demonym ("the Veltrian Interior Ministry") the name is the generic one
#: read in that country (linking names it "Interior Ministry (Veltria)"), so extraction keeps the demonym apart.
#: A party's ("Veltrian Communist Party") is a proper name of its own.
STATE_BODY_HEADS = _words("ministry senate court parliament government cabinet police army navy congress")

#: Organization heads that are also surnames ("Ella Post", "Tom Church"): no sign of an organization alone.
SURNAME_ORG_HEADS = _words("post church guard guards front co times channel cabinet")

#: Adjectives that close an organization's name ("Amnesty International") but may open a name inside another
#: ("Ministry of Foreign Affairs and International Cooperation"): no head of a name of their own.
ORG_CLOSING_ADJECTIVES = _words("international")

#: Last words of organization names ("Special Operations Forces", "Quebec Liberal Party").
ORG_HEADS = STRONG_ORG_HEADS | WEAK_ORG_HEADS

#: Ordinal words that number one holder of an office in a line of them ("the first president").
ORDINAL_WORDS = _words("""first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth
thirteenth fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth twentieth""")

#: Letters that mark a sports club before or after its name ("FC Tarsk", "VfB Tarsk", "Tarsk FC").
CLUB_MARKS = _words("fc sc sv ac as cf afc vfb vfl tsv bsc sk fk ssc")

#: First words of clubs' names before their city ("Sporting Tarsk", "Dynamo Orlin", "Inter Tarsk").
CLUB_FIRST_WORDS = _words("sporting racing real atletico athletic dynamo dinamo olympique inter")

#: Last words of English clubs' names ("Holmvik United", "Orlin Rovers", "Tarsk FC").
CLUB_LAST_WORDS = _words("united rovers wanderers athletic albion hotspur fc afc cf")

#: A club's staff and players written right after its name in a match report ("Velden coach X", "Velden striker X").
CLUB_STAFF_NOUNS = _words("coach manager boss striker midfielder defender goalkeeper keeper captain winger forward")

#: Words of a match report; three different ones make an article a sports story, where a two-word name of a
#: word and a city is a club's ("Bayern Munich", "Real Madrid") even when the word is a region's or an English one.
MATCH_WORDS = _words("""striker strikers midfielder defender goalkeeper goalie coach halftime half-time penalty
penalties equalizer equaliser bundesliga league season goal goals scored scorer match matches fixture stadium
kickoff title relegation promotion""")

#: Distinct match-report words (:data:`MATCH_WORDS`) that make an article a sports story.
SPORTS_STORY_WORDS = 3


def sports_story(words) -> bool:
    """True when the lower-case ``words`` of an article hold enough distinct match-report words."""
    return len(MATCH_WORDS.intersection(words)) >= SPORTS_STORY_WORDS


#: Plurals that name a party by its members; why: "Ola Brand of the Christian Democrats" (NER: two NORPs).
PARTY_PLURALS = _words("democrats republicans socialists conservatives liberals greens communists")

#: Words of a political persuasion, and the heads a party's name ends in besides "party"
#: ("Christian Democratic Union", "National Front", "Socialist Alliance").
PARTY_CREED_WORDS = _words("""democratic social socialist liberal conservative communist republican labour labor green
christian nationalist national people's popular progressive radical""")
PARTY_HEADS = _words("party union alliance front movement congress league")


#: Bodies whose members are states, by name and acronym (acronym -> name, name -> itself), casefolded. Why: such
#: a body is based in no member's country; a story about one member that quotes the body ("the EU urged
#: Veltria") is no statement of where it is, and its organs open with its name ("EU Commission", "UN Security
#: Council", "European Commission" of the "European Union").
_IGO_TEXT = """EU=European Union|UN=United Nations|U.N.=United
    Nations|NATO=North Atlantic Treaty Organization|OSCE|
    OPEC|ASEAN=Association of Southeast Asian Nations|
    African Union|WHO=World Health Organization|IMF=International Monetary Fund|World Bank|
    WTO=World Trade Organization|OECD|G7=Group of Seven|
    G20=Group of Twenty|UNHCR=United Nations High Commissioner for Refugees|UNICEF=United Nations Children's Fund|
    UNESCO|IAEA=International Atomic Energy
    Agency|Interpol|Council of Europe|Arab League|GCC=Gulf Cooperation Council|ECOWAS=Economic Community of West
    African States|SADC=Southern African Development Community|Mercosur|Commonwealth of Nations|
    OAS=Organization of American States|OIC=Organisation of Islamic Cooperation|WFP=World Food Programme|
    IOM=International Organization for Migration|ILO=International Labour Organization|
    FAO=Food and Agriculture Organization|UNDP=United Nations Development Programme|UNRWA=United Nations Relief
    and Works Agency|ICC=International Criminal Court|ICJ=International Court of Justice|
    CIS=Commonwealth of Independent States|CSTO=Collective Security Treaty Organization|
    SCO=Shanghai Cooperation Organisation|APEC=Asia-Pacific Economic Cooperation|EFTA=European Free Trade
    Association"""
_IGO_PAIRS = [tuple(p.split("=")) if "=" in p else (p, p)
              for p in _IGO_TEXT.replace("\n    ", " ").replace("| ", "|").split("|")]
INTERGOVERNMENTAL = {k.casefold(): v for pair in _IGO_PAIRS for k, v in (pair, (pair[1], pair[1]))}


def party_name(name: str) -> bool:
    """True for a political party's name: it has the word "party", is a party plural, or a creed word and a party head."""
    words = name.casefold().split()
    if not words:
        return False
    return "party" in words or words[-1] in PARTY_PLURALS or \
        words[-1] in PARTY_HEADS and any(w in PARTY_CREED_WORDS for w in words[:-1])

#: Organization words that end a capitalized phrase the NER missed; "Union" is left out ("Soviet Union").
PHRASE_ORG_HEADS = ORG_HEADS - {"union", "post", "times", "school", "front"} | PARTY_PLURALS

#: First words of organization names in other languages ("Parti Québécois", "Partido Popular").
ORG_FIRST_WORDS = _words("parti partido partito partei bundesliga")

#: Lower-case heads that, after a country or demonym, name one agency ("Ukrainian military intelligence").
AGENCY_HEADS = _words("intelligence counterintelligence")

#: Nouns naming a news outlet next to its name ("the German daily Handelsblatt", "Bild newspaper").
MEDIA_NOUNS = _words("""newspaper daily paper magazine weekly tabloid broadcaster journal news agency
newsweekly publication""")

#: Articles that open the names of newspapers and firms in other languages ("Der Spiegel", "Il Messaggero").
FOREIGN_ARTICLES = _words("der die das le la les il lo el los las de het")

#: Nouns saying what kind of organization a name is: "Acme, a Leeds software firm".
ORG_NOUNS = _words("""firm company corporation concern bank group maker manufacturer producer carrier airline
chain retailer developer publisher newspaper daily broadcaster agency insurer lender exporter importer
conglomerate supplier operator builder contractor brokerage utility""")

#: Kind nouns written right before an organization's name ("the carmaker Vellox", "border agency Tarsex").
ORG_KIND_BEFORE_NAME = ORG_NOUNS | MEDIA_NOUNS | _words("""carmaker automaker chipmaker drugmaker steelmaker
planemaker shipbuilder club team charity ngo party union militia movement institute university watchdog regulator
startup outlet orchestra choir ensemble band""")

#: Kind nouns of firms that name a person's trade as often ("the producer Ann Roe", "the developer X").
TRADE_NOUNS = _words("""maker producer publisher developer builder contractor operator supplier exporter importer
lender insurer carrier""")

#: Nouns saying an organization belongs to another: "Instagram, a unit of Meta".
UNIT_NOUNS = _words("""unit subsidiary division branch arm affiliate agency department wing part
offshoot member""")

#: Words for an organization's seat: "Acme headquarters in Leeds".
HEADQUARTERS_WORDS = _words("headquarters head-quarters hq")

#: Words that make an organization's "office" its headquarters: "its head office in Leeds", "registered office".
HEAD_OFFICE_WORDS = _words("head registered main")

#: Participles placing an organization: "Acme, based in Leeds", "headquartered in Paris".
BASED_WORDS = _words("based headquartered")

#: Title nouns a department word goes before: "Defense" in "Defense Secretary Ann Roe" is no organization.
PORTFOLIO_TITLE_NOUNS = _words("secretary minister")

# ---------------------------------------------------------------- places

#: Last words of place names ("Jean Lesage International Airport", "Red Square").
PLACE_HEADS = _words("""airport square street avenue boulevard road bridge station arena stadium park
palace memorial campus river lake mountain mountains island islands valley sea ocean gulf bay region
province oblast peninsula desert strait canal harbour harbor port coast district cathedral castle tower
monastery abbey temple mosque synagogue terminal stadion delta basin plateau highlands lowlands strip""")

#: Place heads of a natural feature, which the NER often leaves off a name ("the Velt" + "River").
FEATURE_HEADS = PLACE_HEADS & _words("""river lake sea mountains valley bay island islands peninsula desert strait
canal delta basin gulf""")

#: Nouns after a place name that make it a region ("the Kursk region", "Donetsk oblast").
REGION_NOUNS = _words("region province oblast district area governorate county")

#: Prepositions after which a known town tagged as an organization is the town: "flooding in Leeds".
NEAR_PREPS = _words("in near")

#: Prepositions before a place ("in Austin") that keep a place reading against a surname.
PLACE_PREPS = _words("in at from to near into across outside inside via")

# ---------------------------------------------------------------- names

#: Words before a name that are not part of it ("Dear Ann Roe", "President Roe").
TITLES = _words("""dear mr mrs ms miss dr prof sir madam dame president premier minister chancellor general
gen col lt sgt capt sen rep gov mayor king queen prince princess lord lady pope saint st rev father sister
brother senator governor secretary ambassador judge justice commander colonel lieutenant sergeant captain
admiral marshal officer professor coach chairman chairwoman ceo deputy spokesman spokeswoman spokesperson
adviser advisor envoy sheikh ayatollah imam cardinal bishop archbishop""")

#: Capitalized offices that, right before a name, make it a person's ("Chancellor Brunsdorf" tagged ORG);
#: "General" and "Secretary" are left out ("General Motors", "Secretary of State").
OFFICE_TITLES = _words("""chancellor president premier senator governor mayor king queen prince princess pope
sheikh ayatollah emir sultan""")

#: Salutations that make the name after them a person ("Dear Ann Roe" tagged WORK_OF_ART).
SALUTATIONS = _words("dear mr mrs ms miss dr prof sir madam dame")

#: Titles written as part of a name ("Mrs. Ruth Hale", "President Harlan"): the mention's text keeps them.
NAME_TITLES = _words("mr mrs ms miss rev dr prince princess king queen lord gen sgt president")

#: Name particles that join a surname ("Ursula von der Leyen", "Jan de Cock").
PARTICLES = _words("von van der den de du da di dos das del della le la al bin ibn ben ter zu")

#: Possessive pronouns that stand for the subject of their clause ("Ann Roe returned to her Leeds home").
POSSESSIVE_PRONOUNS = _words("his her their")

#: Second words of "X of Y" names whose first word is the head: "University of Leeds", "Fund for Peace".
NAME_JOINERS = _words("of for")

#: Prepositions a name capitalizes inside itself ("Doctors Without Borders", "Campaign Against Arms Trade"); running
#: text leaves them lower-case, so one capitalized inside a sentence is a word of the name around it. Words that
#: often open a sentence glued to a caption before it ("At Carnival in Tarsk, ...", "On Thursday, ...") are left out.
CAPITALIZED_JOINERS = _words("without against across beyond for of")

#: Short words a title-case headline leaves lower-case.
SMALL_WORDS = _words("a an the of in to for and on at with by as from is are vs")

#: The ages news writes beside a person's name ("Moreau, 45, was"; "X, 30, of Town"): a person's, not a count or a year.
AGES = range(1, 111)

#: Month names and their abbreviations, which a dateline's date opens ("March 3", "Dec. 9").
MONTHS = _words("""january february march april may june july august september october november december
jan feb mar apr jun jul aug sep sept oct nov dec""")

#: Lists that must not share a word: a word in two of them would get two readings.
DISJOINT: dict[str, tuple[str, ...]] = {
    "role classes": ("LEADER_ROLES", "WORK_ROLES", "MEMBER_ROLES"),
    "origin nouns": ("HOME_NOUNS", "NATIONALITY_NOUNS"),
    "person and place nouns of home": ("HOME_NOUNS", "HOME_PLACE_NOUNS"),
    "verbs of relation": ("LEAD_VERBS", "WORK_VERBS", "LIVE_VERBS", "FROM_VERBS", "KILL_VERBS"),
    "killing words": ("KILLER_NOUNS", "KILLING_NOUNS"),
    "words above an infinitive": ("AIM_WORDS", "APPOINT_VERBS"),
    "organization heads": ("STRONG_ORG_HEADS", "WEAK_ORG_HEADS", "PLACE_HEADS"),
}
