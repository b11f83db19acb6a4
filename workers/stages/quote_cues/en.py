"""English cue table."""
from . import CueTable, phrases, words

TABLE = CueTable(
    language="en",
    # Forms that are mostly nouns in news text (states, reports, notes, posts) are left out.
    verbs=words("""
        said says say told tells stated claimed claims added adds explained explains insisted
        insists argued argues noted warned warns wrote writes announced announces confirmed
        confirms acknowledged acknowledges admitted admits asserted asserts declared declares denied
        denies emphasised emphasized stressed stresses reported tweeted recalled
        suggested suggests replied replies responded responds contended alleged alleges maintained
        maintains predicted predicts revealed reveals cautioned observed disclosed conceded
    """),
    post_verbs=words("asked continued"),
    auxiliaries=words("has have had"),
    complementisers=words("that"),
    according_to=phrases("according to", "in the words of"),
    object_verbs=words("told tells warned warns assured assures reminded informed"),
    bare_complement=True,
    bare_blockers=words("""
        in on at to for of with about by from during after before as so it nothing anything something
        this a an the his her their its our my your yes no thank thanks hello goodbye more little
        much when while what how why where who which if whether
        monday tuesday wednesday thursday friday saturday sunday last yesterday today tonight late
        earlier later week month year
    """),
    person_pronouns=words("he she i"),
    plural_pronouns=words("they we it"),
    person_roles=words("""
        president minister governor mayor senator spokesman spokeswoman spokesperson secretary
        official officials chief director chairman chairwoman ceo analyst expert blogger lawyer
        attorney judge prosecutor commander general officer leader premier chancellor ambassador
        diplomat representative lawmaker congressman congresswoman candidate nominee economist
        professor researcher scientist doctor founder executive manager head man woman source
        sources author prime king queen coach player activist adviser advisor aide envoy
    """),
    org_nouns=words("""
        company firm ministry government military army police department agency committee council
        party bank group administration campaign office court commission organisation organization
        regulator university newspaper board embassy kremlin pentagon
    """),
    determiners=words("the a an this that his her their its our"),
    post_demonstratives=frozenset(),
    apposition_markers=words("a an the who which whose"),
    skip_words=words("""
        also then later previously earlier again recently repeatedly once only further
        publicly privately separately reportedly subsequently
    """),
    coordinators=words("and but"),
    subordinators=words("although though while whereas if because since when as"),
    scare_markers=phrases("so-called", "so called", "dubbed", "nicknamed", "known as", "termed", "branded",
                          "called", "the word", "the term"),
    title_markers=words("film movie book novel song album show series play titled entitled headline"),
    clause_cutters=phrases("reported", "according to"),
    name_particles=words("of for de van von bin al la le da di del"),
)
