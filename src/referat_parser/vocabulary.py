"""Every Danish word the parser knows: data only, no logic.

Headings, header labels, participant labels, outcome phrases, month and weekday
names, titles, organisation words and web residue live here so that a reader can
see the parser's whole vocabulary in one file, and so that teaching it a new
layout means adding a word, not a regex. ``patterns.py`` compiles these lists
into regular expressions; no other module spells a Danish word.

Matching is case-insensitive unless a list says otherwise. Entries are plain
text; spaces match any run of whitespace.
"""

from __future__ import annotations

# --- Section headings inside an agenda item ------------------------------------------------
# kind -> heading words. A heading is a line that is (or starts with) one of these.
SECTION_HEADINGS: dict[str, tuple[str, ...]] = {
    "recommendation": (
        "Det indstilles",
        "Indstilling",
        "Indstillinger",
        "Administrationen indstiller",
        "Forvaltningen indstiller",
        "Direktionen indstiller",
        "Formandskabet indstiller",
        "Sekretariatet indstiller",
        "Forslag til beslutning",
        "Indstilling og beslutning",
        "Administrativ indstilling",
        "Administrationens indstilling",
        "Forvaltningens indstilling",
    ),
    "case": (
        "Sagsfremstilling",
        "Sagsfremstilling og økonomi",
        "Sagsbeskrivelse",
        "Beskrivelse af sagen",
        "Sagen",
        "Baggrund",
        "Redegørelse",
        "Anledning",
        "Beslutningstema",
    ),
    "summary": ("Resume", "Resumé", "Sammenfatning", "Formål"),
    "decision": (
        "Beslutning",
        "Beslutninger",
        "Referat",
        "Referat og beslutning",
        "Afgørelse",
        "Konklusion",
        "Udvalgets beslutning",
    ),
    "attachments": ("Bilag", "Bilagsliste", "Vedlagte bilag", "Bilag til punktet"),
    "other": (
        "Alternativ indstilling",
        "Beskrivelse af alternativ indstilling",
        "Økonomi",
        "Økonomiske konsekvenser",
        "Øvrige konsekvenser",
        "Personale",
        "Høring",
        "Lovgrundlag",
        "Lovgrundlag – link",
        "Retsgrundlag",
        "Kompetence",
        "Beslutningskompetence",
        "Sagsgang og sagstype",
        "Forventet sagsgang",
        "Sagshistorik, henvisninger",
        "Sagsforløb",
        "Tidligere beslutninger",
        "Kommunikation",
        "Bemærkninger",
        "Punkter til evt.",
    ),
}

# "Beslutning i Økonomiudvalget den 04-06-2020", "Beslutning fra X", "Behandling i X …",
# "Teknik- og Miljøudvalgets beslutning den 11. juni 2018": decision headings naming a body.
DECISION_HEADING_LEADS = ("Beslutning i", "Beslutning fra", "Behandling i", "Beslutning på")
# "Beslutning Økonomiudvalget den 04-06-2020": the body follows the word itself.
DECISION_HEADING_BARE = ("Beslutning", "Behandling")
DECISION_HEADING_TAIL = "beslutning"  # "<body>s beslutning den …"

# Lines that begin a recommendation in prose: "Forvaltningen indstiller, at …".
RECOMMEND_VERBS = ("indstiller", "foreslår", "anbefaler")
# The conjunction that opens each recommendation clause.
CLAUSE_LEAD = "at"

# --- Agenda item headings ------------------------------------------------------------------
# Prefixes printed before an item number: "Pkt. 15", "Punkt 1", "Ad 1.", "Nr.1 - Title".
ITEM_PREFIXES = ("Pkt.", "Pkt", "Punkt", "Ad", "Ad.", "Nr.", "Nr", "åbent", "lukket", "Sag", "Dagsordenspunkt",
                 "Sag nr.", "Sagsnr.", "Punkt nr.", "Ad pkt.", "Ad pkt", "Ad punkt", "Ad. pkt.")
# Lines announcing the printed table of contents.
AGENDA_MARKERS = (
    "Dagsorden",
    "Dagsorden:",
    "Pkt. tekst",
    "PUNKTER",
    "Punkter",
    "Indholdsfortegnelse",
    "Åbne punkter",
    "Åbne dagsordenspunkter",
    "Dagsordenspunkter",
)
# Marker lines following a heading that belong to it: "(B)" / "(O)" and folding residue.
# "(B)" beslutning, "(O)" orientering, "(D)" drøftelse: stripped from titles, kept as printed otherwise.
HEADING_MARKERS = ("(B)", "(O)", "(D)", "(I)")

# --- Meeting header labels -----------------------------------------------------------------
# canonical field -> labels as printed (a label is followed by ":" or stands on its own line).
HEADER_LABELS: dict[str, tuple[str, ...]] = {
    "body": ("Udvalg", "Forum", "Mødeforum", "Organ", "Mødenavn"),
    "subject": ("Emne",),
    "date": ("Mødedato", "Dato", "Mødedag", "Dato og tidspunkt", "Tid og sted", "Starttidspunkt", "Hvornår",
             "Mødetidspunkt"),
    "time": ("Tidspunkt", "Tid", "Mødetid", "Klokken", "Start kl.", "Mødestart"),
    "end": ("Sluttidspunkt", "Slut kl.", "Sluttid", "Mødeslut", "Slut"),
    "location": ("Mødested", "Sted", "Lokale", "Mødelokale", "Adresse", "Hvor", "Mødelokation"),
    "kind": ("Møde",),
    "minute_takers": ("Referent", "Referenter", "Ref.", "Ref", "Referat ved", "Referatet skrevet af",
                      "For referatet", "For referat", "Skrevet af"),
    "chair": ("Ordstyrer", "Mødeleder", "Dirigent", "Formand for mødet", "Mødets leder"),
}
# Nouns that name a place to meet, as a compound's last part ("Klubhuset", "Byrådssalen",
# "Kastanieborgen", "spejderhytten"): a shape feature of a place reading, never a filter.
PLACE_NOUNS = ("hus", "huset", "gård", "gården", "sal", "salen", "lokale", "lokalet", "lokaler", "lokalerne",
               "center", "centret", "centeret", "hal", "hallen", "skole", "skolen", "klub", "klubben", "kirke",
               "kirken", "hytte", "hytten", "rum", "rummet", "stue", "stuen", "kontor", "kontoret", "bibliotek",
               "biblioteket", "borg", "borgen", "pavillon", "pavillonen", "kælder", "kælderen")
# Place labels that are never part of the place: printed without their colon ("… 19:30 Sted
# Byrådssalen") the word is dropped from the place ("Mødelokale 1" is a place, so it is not here).
PLACE_LABEL_WORDS = ("Sted", "Mødested", "Hvor", "Mødelokation")

# Participant list labels -> status.
PARTICIPANT_LABELS: dict[str, tuple[str, ...]] = {
    "present": (
        "Deltagere",
        "Mødedeltagere",
        "Til stede",
        "Tilstede",
        "Til stede var",
        "Tilstede var",
        "Fremmødt var",
        "Deltagere var",
        "Tilstedeværende",
        "Fremmødt",
        "Fremmødte",
        "Medlemmer",
        "Deltagende",
        "Fra bestyrelsen deltog",
        "Endvidere deltog",
        "Desuden deltog",
        "Deltog",
    ),
    "absent": ("Afbud", "Afbud fra", "Fraværende", "Fravær", "Afbud/fraværende", "Ikke til stede",
               "Fraværende med afbud", "Fraværende uden afbud", "Meldt afbud", "Udeblevet", "Udeblevne"),
    "guest": ("Gæster", "Gæst", "Inviterede", "Øvrige deltagere", "Oplægsholdere"),
}
# Labels that report who attended: only minutes know that ("Deltagere" may also invite).
ATTENDANCE_LABELS = ("Til stede", "Tilstede", "Tilstedeværende", "Fremmødt", "Fremmødte", "Deltog",
                     "Fraværende", "Afbud", "Afbud fra", "Fravær")
# Attendance lists found by content (a list of names under any label): label words that make a
# list of first names alone ("Indkaldte: Sara, Tom, Bo") an attendance list, and those that make
# it a list of absentees ("Fraværende stiftsrådsmedlemmer:"). Matched as word starts, lower case.
ATTENDANCE_LABEL_STEMS = ("deltag", "deltog", "tilstede", "til stede", "fremmødt", "mødt", "indkald",
                          "indbud", "inviter", "medlem", "fravær", "afbud", "udeblev")
ABSENCE_LABEL_STEMS = ("fravær", "afbud", "udeblev", "ikke til stede", "deltog ikke", "ikke mødt")
# Labels of name lists that are not attendance: mail headers, signatures, elections.
NOT_ATTENDANCE_LABELS = ("Kopi til", "Cc", "Til", "Fra", "Modtagere", "Sendt til", "Udsendt til",
                         "Emne", "Underskrifter", "Underskrift", "Valgt", "Genvalgt", "Nyvalgt",
                         "På valg", "Suppleanter", "Revisorer", "Tovholder", "Tovholdere", "Ansvarlig")
# A note after a name in an absentee list that says the person came after all: a substitute
# ("Afbud: Lars Bæk, suppleant Ida Holm deltog").
# A substitute named in prose: "I stedet for A deltog B", "B deltog som suppleant for A".
SUBSTITUTE_LEADS = ("i stedet for", "som stedfortræder for", "som suppleant for", "for")  # "B deltog for A"
SUBSTITUTE_VERBS = ("deltog", "mødte", "deltager")
# "Til stede: Hele bestyrelsen undtagen Kim Juhl": the names after these words are absent.
EXCEPT_WORDS = ("undtagen", "på nær", "bortset fra")
ATTENDED_NOTES = ("deltog", "deltager", "mødte", "mødte op", "deltog i stedet", "var til stede")
# Attendee tables: the header of the name column, of the presence column, and its ticks.
NAME_HEADERS = ("Navn", "Navne", "Deltager", "Name")
PRESENT_HEADERS = ("Tilstede", "Til stede", "Deltog", "Deltager", "Fremmødt", "Present")
ATTENDANCE_TICKS = ("X", "✓", "✔", "Ja", "Yes")
# The note a Markdown reader gives an unticked attendee box ("- [ ] Name"): one of ABSENCE_SUFFIXES.
UNTICKED_NOTE = "ikke til stede"
# Words in prose that report absence: "Der var afbud fra A og B", "A havde meldt afbud".
ABSENCE_PROSE_LEADS = ("afbud fra", "fravær fra")
ABSENCE_PROSE_TAILS = ("havde meldt afbud", "har meldt afbud", "meldte afbud", "var fraværende")
# Sentences that end by saying the people named before did not come: "A, B og C deltog ikke."
# (not "A deltog ikke i behandlingen af punkt 3": that is one item, not the meeting).
ABSENCE_SENTENCE_ENDS = ("deltog ikke", "deltog ikke i mødet", "deltog ikke på mødet", "var ikke til stede",
                         "var ikke mødt", "var ikke til stede på mødet")
# One of these words stands in every phrase of the three above (a test holds it): a text with
# none of them tells no absence in prose, and the three patterns are not run over it.
ABSENCE_PROSE_WORDS = ("afbud", "fravær", "deltog", "stede", "mødt")
# Suffixes marking a person as absent inside a list: "Jens Hansen - afbud".
ABSENCE_SUFFIXES = ("afbud", "fraværende", "fraværende", "ikke til stede")
# Notes in parentheses that mark the minute taker / chair.
MINUTE_TAKER_NOTES = ("referent", "ref.", "ref")
CHAIR_NOTES = ("formand", "mødeleder", "ordstyrer", "dirigent")
MEETING_LEADER_NOTES = ("mødeleder", "ordstyrer", "dirigent")  # led this meeting: the chair
# Words that mean "nobody": "Fra forvaltningen: Ingen".
NOBODY = ("Ingen", "Ingen afbud", "-", "–")

# --- Participant titles and organisations --------------------------------------------------
# Job titles are recognised by whole word or by suffix ("Udviklingskonsulent" ends in "konsulent").
TITLE_WORDS = (
    "borgmester", "viceborgmester", "rådmand", "formand", "næstformand", "medformand",
    "medlem", "byrådsmedlem", "regionsrådsmedlem", "kommunalbestyrelsesmedlem", "rektor",
    "prorektor", "dekan", "suppleant", "stedfortræder", "sekretær", "fuldmægtig", "læge",
    "overlæge", "sygeplejerske", "praktiserende", "kasserer", "revisor", "repræsentant",
    "koordinator", "konsulent", "direktør", "chef", "leder", "ansvarlig", "specialist",
    "rådgiver", "sekretariatschef", "afdelingschef", "centerchef", "tillidsrepræsentant",
    "formandskab", "ordfører", "medarbejder", "projektleder", "teamleder", "kontorchef",
    "vicedirektør", "koncerndirektør", "kommunaldirektør", "regionsdirektør", "souschef",
    "økonomichef", "studiechef", "sagsbehandler", "ac", "udviklingskonsulent",
)
TITLE_SUFFIXES = (
    "direktør", "chef", "konsulent", "koordinator", "medlem", "formand", "leder",
    "repræsentant", "sekretær", "fuldmægtig", "læge", "rådgiver", "ansvarlig", "mester",
    "sygeplejerske", "terapeut", "rektor", "dekan", "sagsbehandler", "specialist",
)
# Words that make a segment an organisation rather than a person.
ORGANISATION_WORDS = (
    "kommune", "kommunes", "region", "regionen", "regionshospitalet", "regionshospital",
    "hospital", "hospitalet", "universitetshospital", "universitetshospitalet", "sygehus",
    "psykiatrien", "psykiatri", "regionspsykiatrien", "regionshuset", "rådhus", "plo",
    "sekretariat", "sekretariatet", "forvaltning", "forvaltningen", "styrelse", "ministeriet",
    "universitet", "praksis", "almen", "lægevagt", "kkr", "kl", "fonden", "forening",
    "foreningen", "rådet", "udvalg", "udvalget", "center", "centret", "præhospitalet",
    "præhospital", "psykiatristaben", "staben", "midtjylland", "nordjylland", "syddanmark",
    "sjælland", "hovedstaden", "samråd", "sundhedsplanlægning", "koncern", "kvalitet",
    "økonomi", "klinik", "afdeling", "afd", "team", "skole", "skolen", "lokalråd",
)
# Name particles written in lower case inside names ("Tue von Pålman").
NAME_PARTICLES = ("von", "van", "de", "la", "le", "af", "du", "da", "di", "der", "den")
# Joining words in lists of names: "A, B og C".
LIST_AND = ("og", "samt", "&")
# Words a title cannot end with: a heading line that ends in one was broken before its last words
# ("2. Udvalgets arbejdsplan, herunder fordeling af" / "opgaver.").
TITLE_OPEN_ENDS = ("af", "til", "for", "og", "i", "med", "om", "på", "fra", "ved", "samt", "herunder",
                   "eller", "mellem", "under", "efter", "vedr", "vedrørende", "en", "et")
# Common Danish first names, for one thing only: splitting names glued by single spaces
# ("Pia Lund Bo Holm", two columns of a member list flattened), where a new name begins at a first
# name after a word that is none. Not a filter: a name missing here is read as before, unsplit.
# Left out on purpose: first names that are common surnames too ("Storm", "Lykke", "Mark", "Due").
FIRST_NAMES = (
    "Aage", "Adam", "Agnes", "Agnete", "Aksel", "Albert", "Alberte", "Alexander", "Alfred", "Alice", "Allan",
    "Alma", "Amalie", "Amanda", "Anders", "Andreas", "Anette", "Anita", "Anja", "Anker", "Ann", "Anna",
    "Anne", "Annemarie", "Annette", "Anni", "Anton", "Arne", "Arthur", "Asger", "Aske", "Astrid", "Asta",
    "August", "Axel", "Benedicte", "Benedikte", "Benjamin", "Bent", "Berit", "Bertel", "Betina", "Bettina",
    "Birgit", "Birgitte", "Birte", "Birthe", "Bitten", "Bjarne", "Bjørn", "Bo", "Bodil", "Britt", "Brita",
    "Britta", "Brian", "Bruno", "Børge", "Camilla", "Carina", "Carl", "Caroline", "Carsten", "Casper",
    "Cecilie", "Charlotte", "Christa", "Christen", "Christian", "Christina", "Christine", "Christoffer",
    "Christopher", "Clara", "Claus", "Connie", "Conny", "Curt", "Dagmar", "Dan", "Daniel", "David", "Dennis",
    "Ditte", "Dorte", "Dorthe", "Edith", "Egon", "Ejner", "Eigil", "Elias", "Elin", "Elisabeth", "Ella",
    "Ellen", "Else", "Elsebeth", "Emil", "Emilie", "Emma", "Erik", "Erling", "Erna", "Esben", "Esther", "Eva",
    "Felix", "Finn", "Flemming", "Frank", "Frederik", "Freja", "Frida", "Gerda", "Gert", "Gitte", "Glenn",
    "Gorm", "Grethe", "Gry", "Gudrun", "Gunnar", "Gurli", "Gustav", "Hanna", "Hannah", "Hanne", "Hans",
    "Harald", "Hasse", "Hedvig", "Heidi", "Helene", "Helge", "Helle", "Henning", "Henny", "Henrik",
    "Henriette", "Holger", "Ib", "Iben", "Ida", "Inga", "Inge", "Ingeborg", "Inger", "Ingrid", "Irene",
    "Ivan", "Jacob", "Jakob", "Jan", "Jane", "Janne", "Jannie", "Jeanette", "Jeanett", "Jens", "Jenny",
    "Jeppe", "Jesper", "Jette", "Joachim", "Johan", "Johanne", "Johannes", "John", "Jon", "Jonas", "Jonathan",
    "Jonna", "Josefine", "Josephine", "Judith", "Julie", "Jytte", "Jørgen", "Jørn", "Kaj", "Kamilla", "Karen",
    "Karin", "Karina", "Karl", "Karla", "Karoline", "Karsten", "Kasper", "Katja", "Kathrine", "Katrine",
    "Keld", "Kenneth", "Kim", "Kirsten", "Kjeld", "Klaus", "Knud", "Kristian", "Kristina", "Kristine",
    "Kristoffer", "Kurt", "Laila", "Lajla", "Lars", "Lasse", "Laura", "Lauritz", "Laurits", "Lea", "Leif",
    "Lena", "Lene", "Lennart", "Leo", "Lilian", "Lillian", "Line", "Lis", "Lisa", "Lisbeth", "Lise", "Liv",
    "Lone", "Lotte", "Louise", "Lucas", "Lukas", "Lærke", "Mads", "Magnus", "Maiken", "Maja", "Majbritt",
    "Maibritt", "Malene", "Malthe", "Marc", "Marcus", "Margit", "Margrethe", "Maria", "Mariane", "Marianne",
    "Marie", "Marina", "Marlene", "Martin", "Mathias", "Mathilde", "Max", "Merete", "Merethe", "Mette", "Mia",
    "Michael", "Mie", "Mikael", "Mikkel", "Mille", "Minna", "Mogens", "Mona", "Morten", "Nadia", "Nanna",
    "Natasja", "Nathalie", "Nicklas", "Niclas", "Nicolai", "Niels", "Nikolaj", "Nils", "Nina", "Ninna",
    "Noah", "Oliver", "Olivia", "Oscar", "Ole", "Otto", "Ove", "Palle", "Patrick", "Pauline", "Peder",
    "Pelle", "Per", "Pernille", "Peter", "Petra", "Philip", "Pia", "Poul", "Preben", "Randi", "Rasmus",
    "Rebecca", "Rebekka", "René", "Rene", "Richard", "Rikke", "Rita", "Robert", "Rolf", "Rune", "Ruth",
    "Sabrina", "Sandra", "Sanne", "Sara", "Sarah", "Sebastian", "Sidsel", "Signe", "Simon", "Simone", "Sofia",
    "Sofie", "Solveig", "Sonja", "Steen", "Steffen", "Sten", "Stig", "Stine", "Sune", "Susan", "Susanne",
    "Svend", "Sven", "Søren", "Tage", "Tanja", "Thea", "Therese", "Thomas", "Tilde", "Tim", "Tina", "Tine",
    "Tobias", "Toke", "Tommy", "Tonny", "Torben", "Tove", "Trine", "Troels", "Tue", "Uffe", "Ulla", "Ulrik",
    "Ulrikke", "Ursula", "Vagn", "Vera", "Verner", "Vibeke", "Victor", "Victoria", "Viggo", "Vilhelm",
    "Villads", "Villy", "Vilma", "Vincent", "Vivi", "Werner", "William", "Winnie", "Yvonne", "Åse",
)

# --- Document kind -------------------------------------------------------------------------
KIND_WORDS: dict[str, tuple[str, ...]] = {
    "referat": ("Referat", "Beslutningsprotokol", "Protokol", "Mødereferat", "Beslutninger"),
    "dagsorden": ("Dagsorden", "Indkaldelse"),
}

# --- Decision outcomes ---------------------------------------------------------------------
# outcome -> phrases. The FIRST phrase found in a decision text decides (not a priority list).
# Negated and modal uses ("ikke godkendt", "kan drøftes") are handled by NEGATIONS / MODALS.
OUTCOME_PHRASES: dict[str, tuple[str, ...]] = {
    "rejected": ("ikke godkendt", "ikke godkendes", "forkastet", "forkastes", "afvist", "afvises",
                 "afslået", "ikke vedtaget", "ikke tiltrådt", "kunne ikke godkende", "nedstemt", "stemt ned",
                 "kan ikke godkende", "ikke anbefalet"),
    "recommended": ("anbefales", "anbefalet", "indstilles godkendt", "indstilles til godkendelse",
                    "oversendes til", "videresendes til"),
    "approved": ("godkendt", "godkendes", "godkendte", "godkender", "vedtaget", "vedtages",
                 "vedtoges", "tiltrådt", "tiltrådte", "tiltrædes", "bevilget", "bevilges",
                 "besluttet som indstillet", "som indstillet", "enighed om indstillingen",
                 "tilslutter sig", "tilsluttede sig", "tiltræder", "indstillingen følges",
                 "følger indstillingen", "imødekommes", "imødekommet",
                 # FORMAT.md's outcome words: a mandate given is an approval
                 "bemyndiges", "bemyndiget", "bemyndigede", "bemyndigelse"),
    "noted": ("taget til efterretning", "tages til efterretning", "til efterretning",
              "taget til orientering", "tages til orientering", "orienteringen taget",
              "tog orienteringen til efterretning", "orienteredes", "orienteringen blev taget",
              "noteret sig", "noterede sig", "tog til efterretning", "til orientering",
              "taget til orientering"),
    # any form of drøfte/diskutere/debattere (FORMAT.md); it yields to a formal verdict (outcome.py)
    "discussed": ("drøftet", "drøftede", "drøftelse af", "drøftedes", "blev debatteret",
                  "debatteret", "diskuteret", "diskuterede", "diskussion af", "diskussion om",
                  "diskussioner om", "der var diskussion", "der var en drøftelse",
                  "drøftelser", "drøftelsen", "debatterede"),  # not "drøftes": "På næste møde drøftes …"
    "postponed": ("udsat", "udsættes", "udskudt", "udskydes", "trukket af dagsordenen",
                  "genoptages", "overføres til næste møde", "overført til næste møde"),
}
# Verdicts that may follow an item title on the same line: "3. Regnskab. Godkendt."
INLINE_VERDICTS = ("Godkendt", "Godkendes", "Vedtaget", "Drøftet", "Taget til efterretning",
                   "Til efterretning", "Udsat", "Ikke godkendt", "Anbefales", "Orienteredes",
                   "Forkastet", "Afvist", "Udskudt", "Til orientering", "Tiltrådt")
# A verdict word right after one of these is negated.
NEGATIONS = ("ikke", "ej")
# A verdict word right after one of these is an intention, not a verdict: "kan drøftes".
MODALS = ("kan", "kunne", "skal", "skulle", "vil", "ville", "bør", "burde", "må", "ønskes",
          "forventes", "med henblik på at")
# A verdict word right after a comma, one of these and a verb of state or of another time describes
# the noun before it, in a relative clause: "medlemmer, der er bevilget tjenestefrihed" grants nothing
# at this meeting ("Der er bevilget 10.000 kr." at a sentence's head, with no comma, does; and
# "dagsordenen, som blev godkendt af forsamlingen" tells what the meeting did: "blev" is not here).
RELATIVE_PRONOUNS = ("der", "som")
RELATIVE_STATE_VERBS = ("er", "var", "har", "havde", "bliver")
# Sentences about other agenda items ("Punkt 28 … udsat.") carry no verdict on this one.
OTHER_ITEM_REFERENCES = ("Punkt", "Pkt.", "Pkt", "Sag")

# --- Dates and times -----------------------------------------------------------------------
MONTHS: dict[str, int] = {
    "januar": 1, "jan": 1, "februar": 2, "feb": 2, "marts": 3, "mar": 3, "april": 4, "apr": 4,
    "maj": 5, "juni": 6, "jun": 6, "juli": 7, "jul": 7, "august": 8, "aug": 8,
    "september": 9, "sep": 9, "sept": 9, "oktober": 10, "okt": 10, "november": 11, "nov": 11,
    "december": 12, "dec": 12,
    # English month names appear in some CMS exports ("Marts 3, 2016" is Danish; "March" too).
    "january": 1, "february": 2, "march": 3, "may": 5, "june": 6, "july": 7,
    "october": 10,
}
WEEKDAYS = ("mandag", "tirsdag", "onsdag", "torsdag", "fredag", "lørdag", "søndag",
            "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
CLOCK_WORDS = ("kl.", "kl", "klokken")
DATE_LEAD = ("den", "d.")
# What a date alone on its line stands with: a post, print or update stamp's words ("• den 4. maj
# 2021", "Printet 14.06.2021", "Senest opdateret: 3. maj"), not a meeting's.
DATE_ALONE_WORDS = ("den", "d", "dato", "printet", "udskrevet", "udskrift", "publiceret", "offentliggjort",
                    "opdateret", "senest", "sidst", "oprettet", "redigeret")
TIME_RANGE_SEPARATORS = ("-", "–", "—", "til")
# A closing line announcing the next meeting ("Næste møde: 11/2 2024 kl. 19"): the trailer's start.
NEXT_MEETING_LEADS = ("Næste møde", "Næste bestyrelsesmøde", "Næste mødedato", "Kommende møde")
# Lines about other meetings, whose dates, times and places are not this meeting's:
# "Næste møde: 12. maj kl. 17", "Byrådsmøderne begynder kl. 16.00".
OTHER_MEETINGS = ("næste møde", "kommende møde", "møderne", "mødedatoer", "mødeplan")
# "Mødet afholdes på Rådhuset", "Vi mødes i klubhuset": a place in prose.
PLACE_PROSE_VERBS = ("afholdes", "holdes", "finder sted", "mødes", "foregår")
# "Referatet er skrevet af Lise", "Referat udarbejdet af Ole": the minute taker in prose.
MINUTE_TAKER_PROSE = ("referatet er skrevet af", "referatet skrevet af", "referat skrevet af",
                      "referatet er udarbejdet af", "referat udarbejdet af", "referatet udarbejdet af",
                      "referatet er taget af", "referat taget af", "referatet blev skrevet af")
# Minute takers chosen at the meeting: "Kim blev valgt som referent", "Som referent valgtes Kim".
TAKER_ELECTED_VERBS = ("valgt", "valgtes", "udpeget", "udpegedes")
TAKER_ROLE_WORDS = ("referent", "referenter")
# Item titles under which the minute taker is chosen, the name alone below: "2. Valg af referent".
TAKER_ITEM_TITLES = ("Valg af referent", "Valg af referent.")
# A closing line naming the minute taker: "ref. Eva Sand", "Referent Eva Sand"; or the role word
# alone under the name in a signature ("Eva Sand" / "Referent").
# "Referat: Eva Sand" in the header or the closing lines: the word that labels minutes names their
# writer when a full name, and nothing else, follows it.
TAKER_REPORT_LABELS = ("Referat", "Referatet", "Referat ført af", "Protokol ført af")
TAKER_CLOSING_WORDS = ("ref.", "ref", "referent", "referent:", "ref:")
MEETING_TIME_PROSE = {"start": ("begyndte", "startede", "påbegyndt"),
                      "end": ("sluttede", "afsluttet", "hævet", "hævede", "slut")}

# --- Durations ---------------------------------------------------------------------------
DURATION_UNITS = {"min": 1, "min.": 1, "minutter": 1, "minut": 1, "time": 60, "timer": 60,
                  "t.": 60}
# "ca. 10 min.": an approximate duration is still the planned one.
ABOUT = ("ca.", "ca", "cirka", "omkring")

# Standing agenda titles of associations and councils. When minutes follow one on its heading
# line with no separator ("7. Eventuelt intet", "1. Valg af referent Lars"), the title ends there.
STANDARD_TITLES = ("Eventuelt", "Evt.", "Godkendelse af dagsorden", "Godkendelse af dagsordenen",
                   "Godkendelse af referat", "Valg af referent", "Valg af dirigent", "Valg af ordstyrer",
                   "Næste møde", "Meddelelser", "Siden sidst", "Orientering", "Indkomne forslag")
# Words that continue a title rather than start the minutes: "Godkendelse af referat fra …".
TITLE_CONTINUATIONS = ("fra", "af", "til", "for", "og", "med", "i", "på", "om", "ved", "samt", "vedr.", "-", "–")
# Finite verbs: a heading's text after "Title:" that holds one is minutes, not a subtitle.
FINITE_VERBS = ("er", "var", "blev", "bliver", "har", "havde", "skal", "skulle", "kan", "kunne", "vil", "ville")
# Past-tense words that tell minutes from an agenda when no heading says which: "blev valgt".
PAST_TENSE_WORDS = ("blev", "var", "havde", "fik", "gik", "kom", "fortalte", "orienterede", "fremlagde",
                    "gennemgik", "drøftede", "besluttede", "aftalte", "vedtog")
# Capitalised words that open a sentence, never a title: "3. Ny lokalplan Vi drøftede …".
SENTENCE_OPENERS = ("Vi", "Der", "Det", "Han", "Hun", "De", "Man", "Jeg")
# Small words that may stand inside the name of a body: "Lokalrådet for Vestby", "Råd på tværs".
NAME_LINKS = ("for", "på")
# Small words that make a line a sentence rather than a list of names.
SENTENCE_WORDS = ("er", "var", "blev", "har", "havde", "vil", "skal", "kan", "som", "der", "det", "den",
                  "på", "til", "med", "om", "for", "at")
# Prepositions before a place ("kl. 17:30 i Arden Rådhus", "på Wiedergården").
PLACE_PREPOSITIONS = ("i", "på", "hos")
# General assemblies: the body is the assembly word as printed (FORMAT.md), with the adjective
# that makes it another meeting kept ("Ekstraordinær generalforsamling"), not "ordinær".
ASSEMBLY_WORDS = ("generalforsamling", "generalforsamlingen")
# An annual or ordinary meeting is its own body, as a general assembly is: "ordinært afdelingsmøde",
# "det årlige Gruppemøde"; an ordinary meeting of a body is that body's ("ordinært menighedsrådsmøde").
ORDINARY_ADJECTIVES = ("ordinær", "ordinært", "ordinære")
ANNUAL_ADJECTIVES = ("årlig", "årlige", "årligt")
OWN_MEETING_ADJECTIVES = ORDINARY_ADJECTIVES + ANNUAL_ADJECTIVES
ASSEMBLY_KEPT_ADJECTIVES = ("ekstraordinær", "ekstraordinære")
# Phrases that open with a place preposition and name no place: "I stedet for A deltog B".
PREPOSITION_IDIOMS = ("i stedet", "i øvrigt", "i forhold til", "i henhold til", "i forbindelse med", "på grund af",
                      "på vegne af", "i forlængelse af")
# "Referat til mødet i X den …", "6. møde i X", "Ekstraordinært møde i X".
MEETING_OF_PHRASES = ("møde i", "mødet i")
TITLE_LINKS = ("af", "fra", "til", "for")  # "Referat af …", "Dagsorden til …", "Dagsorden for …"
MEETING_ADJECTIVES = ("ordinært", "ekstraordinært", "konstituerende", "fælles")
ITEM_REFERENCE = ("pkt.", "pkt", "punkt")  # "…, 03-03-2016, pkt. 16"
# "Deltagere fra forvaltningen:": the words between a participant label and its group.
GROUP_LINKS = ("fra", "for", "i")  # "Fraværende i Skoleudvalget – den 3. maj:" (a joint meeting)
# Group leads in participant lists: "Fra kommunerne:" -> organisation "kommunerne".
GROUP_FROM = ("Fra ", "fra ")
# Group names that are roles, not organisations.
ROLE_GROUPS = ("Forældrevalgte", "Skolerepræsentanter", "Elevrepræsentanter", "Medarbejderrepræsentanter",
               "Klyngerådet")
# Item prefixes that start a numbered heading inside flattened text: "Ad 1.", "Pkt. 3".
FLAT_ITEM_PREFIXES = ("Ad", "Pkt.", "Punkt")

# --- Header lines that name the meeting ------------------------------------------------------
MEETING_WORDS = ("møde", "mødet", "mødes")
# "Referat af Ældrerådsmøde" -> "Ældrerådet": the compound "<body>møde".
COMPOUND_MEETING_SUFFIXES = ("smødet", "mødet", "smøde", "møde")  # "menighedsrådsmødet" too
# A body made from a meeting word must end in a word for a body ("ældreråd", "projektgruppe"):
# a "beboermøde" is a meeting of residents, not of a body called "Beboeret".
BODY_NOUNS = ("råd", "bestyrelse", "udvalg", "forsamling", "gruppe", "komité", "komite", "forum", "klub",
              "forening", "team", "ledelse", "direktion", "præsidium", "sekretariat", "panel", "netværk",
              "kollegium", "repræsentantskab", "samråd", "nævn", "kommission", "styrelse", "ting")
# Words of an organisation that holds meetings, not of the group that met: "Grundejerforeningen X".
# Column headings of an agenda printed as a table ("Emne | Formål | Varighed | Beslutning"), by the
# role of their cells; a table flattened to one cell per line shows them as a run of short lines.
TABLE_COLUMNS = {
    "title": ("emne", "punkt", "dagsordenspunkt", "overskrift"),
    "purpose": ("formål", "proces", "indhold", "beskrivelse", "baggrund"),
    "duration": ("varighed", "tid", "tidsforbrug", "minutter"),
    "decision": ("beslutning", "referat", "konklusion", "beslutning/referat"),
    "owner": ("ansvarlig", "ansvar", "oplægsholder"),
}
# Words that open a reference to an item or a paper ("pkt. 40", "bilag 3"), never a place.
ITEM_REFERENCES = ("pkt", "punkt", "sag", "dagsordenspunkt", "bilag")
ORGANISATION_NOUNS = ("forening", "kommune", "region", "sogn", "selskab", "fond", "institution")
# The definite form of the body: after a final "e" add "n" ("Bestyrelsen"), else "et" ("Ældrerådet").
DEFINITE_SUFFIXES = ("n", "et")
# A body noun in its definite form ("…rådet", "…bestyrelsen", "…udvalget"): the name of a body.
BODY_DEFINITE_FORMS = tuple(n + suffix for n in BODY_NOUNS for suffix in ("en", "et", *DEFINITE_SUFFIXES))
TITLE_NOISE = ("Dagsordner og referater", "Dagsorden og referat", "Se alle dagsordener",
               "Sbsys dagsorden preview", "Indholdsfortegnelse")
# Site names after a page title: "Byrådet - Dagsordener og referater | Køge Kommune".
TITLE_NOISE_SUFFIXES = ("Dagsordener og referater", "Dagsordner og referater", "Dagsorden og referat",
                        "Referater", "Dagsordener", "Politik", "Kommune")
OPEN_CLOSED = ("Åbent punkt", "Lukket punkt", "LUKKET PUNKT", "Åben", "Lukket")
# Group headings of a table of contents; in flattened text they end up glued to the title before.
AGENDA_GROUPS = ("Sager til beslutning", "Sager til orientering", "Sager til drøftelse", "Åbne punkter",
                 "Lukkede punkter", "Åben dagsorden", "Lukket dagsorden", "Beslutningssager",
                 "Orienteringssager", "Åbent møde", "Lukket møde")
# A line that opens the closed part of a meeting, after which item numbers may start over at 1.
CLOSED_SESSION = ("Lukket møde", "Lukket dagsorden", "Lukkede punkter", "Lukket punkt", "Lukket del",
                  "Lukkede sager", "Fortrolige punkter")

# --- Web and print residue -------------------------------------------------------------------
# Whole lines that are never minutes text.
RESIDUE_LINES = (
    "Til toppen", "Tilbage til toppen", "Udskriv", "Print", "Luk", "Luk alle punkter",
    "Åbn alle punkter", "Gå til indhold", "You are here", "Du er her", "Abonnér",
    "Skriv et svar", "Save this PDF as:", "Størrelse: px", "Starte visningen fra side:",
    "Transkript", "WORD PNG TXT JPG", "Se vores \"cookiepolitik\".", "Del", "Del på Facebook",
    "Luk alle punkter Referat", "Åbn alle punkter Referat", "Se alle dagsordener og referater fra dette mødeforum",
    "MENU", "Menu", "Søg", "Log ind", "Hovedmenu", "Gå til hovedindhold", "Spring til indhold",
    "Tilbage til indhold", "Til indhold", "Retur til menu", "Tilbage til menu", "Til forsiden",
    "Tilbage til forsiden", "Retur til forsiden", "Tilbage til oversigten",
)
# Lines starting with these are residue whatever follows.
RESIDUE_PREFIXES = (
    "Vi bruger cookies", "Denne hjemmeside bruger cookies", "Cookie", "Download \"",
    "Din e-mailadresse vil ikke blive publiceret", "Krævede felter er markeret",
    "Forsiden |", "Sidst opdateret", "Klik her for at folde", "Publiceret", "Senest opdateret",
    "Opdateret den",
)
# Buttons and links of a web page that stay in the text: never a body, place or title.
UI_LINES = ("Del indlæg", "Del siden", "Del artikel", "Print siden", "Udskriv siden", "Send til en ven",
            "Læs mere", "Læs op", "Tilbage", "Næste", "Forrige", "Kommentarer", "Skriv en kommentar")
# Quotation marks that open and close a quoted name ("»Plan – idéer«", "“Plan – idéer”").
QUOTE_PAIRS = (("»", "«"), ("“", "”"), ("„", "“"), ("«", "»"))
# Web residue glued to a heading's end ("Godkendelse af dagsordenKlik her for at folde ud og læse mere
# om …"): from the phrase to the line's end is a button's text, not the title.
GLUED_RESIDUE = ("Klik her for at", "Læs mere om", "Fold ud", "Fold ind")
# Prefixes that are residue but carry a real heading after them.
RESIDUE_LEADS = ("fold dette punkt ind", "fold dette punkt ud", "Klik her for at folde ud",
                 "Klik her for at folde ind", "fold ud", "fold ind")
# Page marks of printed documents: "Side 3 af 12".
PAGE_WORDS = ("Side", "Page")
PAGE_OF = ("af", "of")
# PDF page furniture also abbreviates ("s. 3", "pag. 3") and spells "3 ud af 12".
PAGE_WORD_ABBREVIATIONS = ("s.", "pag.")
PAGE_OF_LONG = ("ud af",)
# A dash at a line end stays a dash before these words: "Social- og sundhedsudvalget".
HYPHEN_KEEP_BEFORE = ("og", "eller", "samt", "and", "or")

# Flattened PDF text: labels and markers before which a long line is cut.
FLAT_BREAKS = ("TEMA", "Tema", "Dagsorden", "Emne")
FLAT_MARKERS = ("DAGSORDEN", "REFERAT")

# --- Text cleaning -------------------------------------------------------------------------
BULLETS = ("-", "•", "➢", "▪", "·", "◦", "*", "o", "\u0335", "–", "●", "■", "□", "○", "", "")
