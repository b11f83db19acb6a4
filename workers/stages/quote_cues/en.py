"""English cue table."""
from . import CueTable, phrases, words

TABLE = CueTable(
    language="en",
    # Forms that are mostly nouns in news text (states, reports, notes, posts) are left out.
    verbs=words("""
        joked jokes quipped quips mused muses conceded concluded concludes vowed vows pledged pledges
        promised promises wondered answered answers recounted recounts advised advises cautioned
        said says say told tells stated claimed claims added adds explained explains insisted
        insists argued argues noted warned warns wrote writes announced announces confirmed
        confirms acknowledged acknowledges admitted admits asserted asserts declared declares denied
        denies emphasised emphasized stressed stresses reported tweeted recalled recalls
        suggested suggests replied replies responded responds contended contends alleged alleges
        maintained maintains predicted predicts revealed reveals cautioned cautions observed disclosed
        conceded concedes urged urges posted remarked reiterated reiterates agreed agrees complained
        complains countered counters testified testifies affirmed affirms assured assures reminded
        informed conceded boasted boasts signalled signaled lamented laments
    """) | phrases("pointed out", "points out", "made clear", "makes clear", "shot back", "chimed in"),
    # Manner-of-speaking verbs that attribute only after a quotation ('“Go register,” Trump implored.')
    post_verbs=words("""
        asked continued asks continues shouted exclaimed interjected sighed fumed gushed implored pleaded
        snapped retorted yelled whispered chanted laughed
    """),
    auxiliaries=words("has have had"),
    complementisers=words("that"),
    according_to=phrases("according to", "in the words of"),
    object_verbs=words("told tells warned warns assured assures reminded informed telling warning"),
    bare_complement=True,
    bare_blockers=words("""
        in on at to for of with about by from during after before as so nothing anything something
        yes no thank thanks hello goodbye more little much when while what how why where who which
        if whether monday tuesday wednesday thursday friday saturday sunday last yesterday today
        tonight late earlier later week month year
    """),
    # Auxiliaries, modals and common irregular pasts: a finite verb shows the object is a clause.
    bare_finite=words("""
        is are was were will would could should can may might must shall has have had did does do
        isn't aren't wasn't weren't won't wouldn't couldn't shouldn't can't cannot hasn't haven't
        hadn't didn't doesn't don't not
        became began brought came cut felt fell found gave got grew held hit kept knew led left lost
        made meant met paid put ran rose saw sent set spent stood struck took thought told went won
        wrote
    """),
    bare_finite_suffixes=("ed",),
    present_suffix="s",
    time_nouns=words("""
        monday tuesday wednesday thursday friday saturday sunday yesterday today tonight week month
        year morning afternoon evening night weekend earlier later
    """),
    time_modifiers=words("on last this late early"),
    adverb_suffixes=("ly",),
    participles=words("""
        saying adding noting warning arguing insisting claiming explaining stressing telling
        announcing acknowledging admitting denying suggesting predicting urging writing
    """),
    # 'who' stands for the name it follows ('Lamoreaux, a freshman, who said she …')
    person_pronouns=words("he she i who"),
    masculine_pronouns=words("he"),
    feminine_pronouns=words("she"),
    masculine_titles=words("mr sir lord king prince spokesman chairman congressman businessman"),
    feminine_titles=words("""
        mrs ms miss madam dame lady queen princess spokeswoman chairwoman congresswoman businesswoman
    """),
    relative_pronouns=words("who"),
    plural_pronouns=words("they we it"),
    person_roles=words("""
        president minister governor mayor senator spokesman spokeswoman spokesperson secretary
        official officials chief director chairman chairwoman ceo analyst expert blogger lawyer
        attorney judge prosecutor commander general officer leader premier chancellor ambassador
        diplomat representative lawmaker congressman congresswoman candidate nominee economist
        professor researcher scientist doctor founder executive manager head man woman source
        sources author prime king queen coach player activist adviser advisor aide envoy
        resident residents witness witnesses neighbour neighbor student teacher worker workers
        farmer victim survivor voter supporter critic critics member members owner driver nurse
        pilot soldier officers investigator investigators inspector detective economists analysts
        experts lawmakers diplomats spokesmen negotiator negotiators campaigner campaigners aides allies
        advisers advisors spokespeople regulators prosecutors lawyers attorneys judges leaders
    """),
    # ranks and offices written as titles before a name ("Detective Inspector", "Treasurer")
    honorifics=words("""
        detective inspector sergeant constable superintendent captain colonel lieutenant major
        commissioner treasurer deputy sen rep gov lt col sgt capt gen supt insp det
    """),
    prepositions=words("of for to from at in on with by about after before during under over"),
    spokesperson_roles=words("spokesman spokeswoman spokesperson spokespeople spokesmen"),
    org_nouns=words("""
        company firm ministry government military army police department agency committee council
        party bank group administration campaign office court commission organisation organization
        regulator university newspaper board embassy kremlin pentagon union airline bureau authority
        authorities agency watchdog service council utility insurer carrier operator manufacturer
        retailer lender prosecutors
    """),
    determiners=words("the a an this that his her their its our one two three several some many another"),
    post_demonstratives=frozenset(),
    apposition_markers=words("a an the who which whose"),
    skip_words=words("""
        also then later previously earlier again recently repeatedly once only further
        publicly privately separately reportedly subsequently already still never now just first even
    """),
    coordinators=words("and but"),
    subordinators=words("although though while whereas if because since when as"),
    scare_markers=phrases("so-called", "so called", "dubbed", "nicknamed", "known as", "termed", "branded",
                          "called", "the word", "the term"),
    title_markers=words("film movie book novel song album show series play titled entitled headline"),
    # a comma before these ends what was reported: the rest is the writer's ('…, which sparked a row')
    clause_cutters=phrases("reported", "according to", "which", "but", "while", "whereas"),
    name_particles=words("of for de van von bin al la le da di del"),
)
