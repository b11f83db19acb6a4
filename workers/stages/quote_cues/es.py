"""Spanish cue table."""
from . import CueTable, phrases, words

TABLE = CueTable(
    language="es",
    verbs=words("""
        remarcó enfatizó detalló puntualizó matizó agregaron informó
        exclamó gritó bromeó lamentó ironizó sentenció zanjó concluyó recordó reiteró relató contó aclara
        recuerda lamenta concluye reitera cuenta relata afirman aseguran explican señalan indican
        dicen advierten sostienen señalaba indicaba insistía
        dijo dice declaró afirmó aseguró explicó señaló indicó añadió agregó subrayó destacó
        advirtió insistió reconoció manifestó sostuvo expresó anunció escribió comentó apuntó
        dicho declarado afirmado asegurado explicado señalado indicado anunciado reconocido
        advertido subrayado destacado insistido añadido agregado manifestado sostenido expresado
        comentado apuntado denunciado admitido negado confirmado precisado escrito
        afirma asegura explica señala indica añade agrega subraya destaca advierte insiste
        reconoce sostiene anuncia comenta apunta denuncia confirma niega admite recalca
        confirmó negó denunció admitió precisó recalcó respondió aclaró
        dijeron afirmaron aseguraron explicaron señalaron indicaron anunciaron advirtieron
        decía afirmaba aseguraba explicaba
    """),
    post_verbs=words("dijo dice exclamó gritó bromeó ironizó sentenció zanjó preguntó"),
    auxiliaries=words("ha han había habían habría he hemos"),
    complementisers=words("que"),
    according_to=words("según") | phrases("de acuerdo con", "a juicio de"),
    object_verbs=words("dijo aseguró explicó"),
    person_pronouns=words("él ella yo"),
    masculine_pronouns=words("él"),
    feminine_pronouns=words("ella"),
    masculine_titles=words("sr señor don ministro gobernador alcalde senador diputado director"),
    feminine_titles=words("sra señora doña presidenta ministra gobernadora alcaldesa senadora diputada directora"),
    relative_pronouns=words("quien"),
    plural_pronouns=words("ellos ellas nosotros"),
    person_roles=words("""
        entrenador técnico jugador portero capitán delantero consejero consejera concejal concejala vecino vecina testigo seleccionador dirigente sindicalista magistrado magistrada
        presidente presidenta ministro ministra gobernador gobernadora alcalde alcaldesa senador
        portavoz secretario secretaria director directora jefe jefa analista experto experta
        bloguero abogado abogada juez fiscal comandante general líder embajador diputado diputada
        candidato candidata economista profesor investigador médico fundador
    """),
    prepositions=words("de del a al en con por para sobre tras ante desde"),
    spokesperson_roles=words("portavoz"),
    pro_drop=True,
    org_nouns=words("""
        empresa compañía ministerio gobierno ejército policía agencia comité consejo partido banco
        grupo administración tribunal comisión organización kremlin
    """),
    determiners=words("el la los las un una este esta su"),
    apposition_markers=words("un una el la quien que"),
    skip_words=words("también además ya luego después entonces asimismo"),
    coordinators=words("y e pero"),
    subordinators=words("aunque mientras si cuando porque"),
    scare_markers=words("llamado llamada denominado denominada apodado apodada supuesto supuesta") | phrases("el llamado", "la llamada"),
    title_markers=words("película libro novela canción álbum programa serie obra titulado titulada"),
    adverb_suffixes=('mente',),
    clause_cutters=phrases("pero", "mientras"),
    name_particles=words("de del la los y"),
)
