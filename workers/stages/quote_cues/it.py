"""Italian cue table."""
from . import CueTable, phrases, words

TABLE = CueTable(
    language="it",
    verbs=words("""
        concluso conclude ricordato ricorda lamentato lamenta scherzato esclamato sostenuto sostiene
        insistito insiste affermano spiegano sottolineano dichiarano ricordano aggiungono
        detto dichiarato affermato spiegato sottolineato aggiunto precisato annunciato assicurato
        ribadito avvertito ammesso scritto commentato osservato
        dice dichiara afferma spiega sottolinea aggiunge precisa annuncia assicura ribadisce
        disse dichiarò affermò spiegò sottolineò aggiunse precisò annunciò ammise
        confermato smentito denunciato riferito raccontato evidenziato rimarcato garantito replicato
        risposto osservato chiarito
        dicono avverte ammette conferma smentisce denuncia riferisce racconta evidenzia replica
        diceva affermava spiegava
    """),
    auxiliaries=words("ha hanno aveva avevano"),
    complementisers=words("che"),
    according_to=words("secondo") | phrases("a detta di", "stando a"),
    object_verbs=words("detto spiegato assicurato"),
    person_pronouns=words("lui lei io egli ella"),
    masculine_pronouns=words("lui egli"),
    feminine_pronouns=words("lei ella"),
    masculine_titles=words("sig signor signore ministro sindaco senatore deputato direttore"),
    feminine_titles=words("signora ministra sindaca senatrice deputata direttrice presidentessa"),
    plural_pronouns=words("loro noi"),
    person_roles=words("""
        allenatore giocatore capitano magistrato pm questore prefetto assessore consigliere residente testimone ct sindacalista procuratrice sindaca
        presidente ministro ministra governatore sindaco senatore portavoce segretario direttore
        direttrice capo analista esperto esperta blogger avvocato giudice procuratore comandante
        generale leader premier ambasciatore deputato deputata candidato economista professore
        ricercatore medico fondatore
    """),
    prepositions=words("di del della dei delle degli a al alla ai alle in nel nella con per su sul sulla da dal dalla tra fra"),
    spokesperson_roles=words("portavoce"),
    pro_drop=True,
    org_nouns=words("""
        azienda società ministero governo esercito polizia agenzia comitato consiglio partito banca
        gruppo amministrazione tribunale commissione organizzazione cremlino
    """),
    determiners=words("il lo la i gli le l un una uno questo questa suo sua"),
    apposition_markers=words("un una il la che"),
    skip_words=words("anche inoltre già poi quindi ancora"),
    coordinators=words("e ed ma"),
    subordinators=words("anche benché sebbene mentre se quando perché"),
    scare_markers=words("cosiddetto cosiddetta cosiddetti cosiddette soprannominato presunto presunta"),
    title_markers=words("film libro romanzo canzone album programma serie intitolato intitolata"),
    adverb_suffixes=('mente',),
    clause_cutters=phrases("ma", "mentre"),
    name_particles=words("de di da del della van von"),
)
