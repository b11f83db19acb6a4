"""Dutch cue table."""
from . import CueTable, phrases, words

TABLE = CueTable(
    language="nl",
    verbs=words("""
        reageerde onderstreepte
        antwoordde antwoordt concludeerde vroeg riep benadrukken waarschuwen verklaren zeggen
        zei zeiden zegt zeggen verklaarde verklaart stelde stelt benadrukte benadrukt waarschuwde
        schreef schrijft meldde meldt liet erkende bevestigde beweerde voegde gezegd verklaard
        gesteld vertelde vertelt vertelden benadrukten erkent bevestigt beweert waarschuwt
        waarschuwden twitterde schreven stelden meldden verklaarden
    """) | phrases("liet weten", "laat weten", "lieten weten", "gaf aan", "geeft aan", "gaven aan"),
    auxiliaries=words("heeft hebben had hadden"),
    complementisers=words("dat"),
    according_to=words("volgens") | phrases("aldus",),
    object_verbs=words("zei zegt liet"),
    person_pronouns=words("hij zij ze ik"),
    masculine_pronouns=words("hij"),
    feminine_pronouns=words("zij ze"),
    masculine_titles=words("heer dhr woordvoerder"),
    feminine_titles=words("mevrouw mevr woordvoerster"),
    plural_pronouns=words("zij ze wij we"),
    person_roles=words("""
        bondscoach trainer coach speler aanvoerder wethouder staatssecretaris bewoner getuige buurtbewoner minister-president
        president minister gouverneur burgemeester senator woordvoerder woordvoerster secretaris
        directeur chef analist expert deskundige blogger advocaat rechter officier commandant
        generaal leider premier ambassadeur kamerlid kandidaat econoom hoogleraar professor
        onderzoeker arts oprichter topman topvrouw
    """),
    role_suffixes=(
        "president", "minister", "coach", "voorzitter", "woordvoerder", "woordvoerster", "directeur",
        "secretaris", "burgemeester", "wethouder", "topman", "topvrouw", "trainer", "chef", "baas",
        "commissaris", "econoom", "hoogleraar", "leider",
    ),
    honorifics=words("dr prof mr ir drs heer mevrouw"),
    prepositions=words("van voor aan in op met door bij na over uit naar tegen"),
    spokesperson_roles=words("woordvoerder woordvoerster"),
    org_nouns=words("""
        bedrijf onderneming ministerie regering kabinet leger politie agentschap commissie raad
        partij bank groep gemeente rechtbank organisatie kremlin
    """),
    determiners=words("de het een deze dit zijn haar"),
    apposition_markers=words("een de het die dat"),
    skip_words=words("ook al eerder later nog verder dan"),
    coordinators=words("en maar"),
    subordinators=words("hoewel terwijl als toen omdat"),
    scare_markers=words("zogenaamde zogenaamd zogeheten bijgenaamd"),
    title_markers=words("film boek roman lied album programma serie titel getiteld"),
    adverb_suffixes=(),
    clause_cutters=phrases("maar", "terwijl"),
    name_particles=words("van de der den ter ten"),
)
