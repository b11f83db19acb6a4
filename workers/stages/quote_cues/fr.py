"""French cue table."""
from . import CueTable, phrases, words

TABLE = CueTable(
    language="fr",
    verbs=words("""
        déclaré dit affirmé expliqué indiqué souligné estimé assuré ajouté précisé annoncé averti
        insisté reconnu rappelé confié martelé écrit prévenu jugé répondu raconté
        déclare dit affirme explique indique souligne estime assure ajoute précise annonce
        dit-il déclare-t-il affirme-t-il explique-t-il ajoute-t-il
    """),
    post_verbs=words("dit-elle déclare-t-elle affirme-t-elle explique-t-elle ajoute-t-elle a-t-il a-t-elle"),
    auxiliaries=words("a ont avait avaient aurait"),
    complementisers=words("que qu"),
    according_to=words("selon") | phrases("d'après", "d’après", "aux dires de"),
    object_verbs=words("déclaré dit affirmé expliqué indiqué assuré confié"),
    bare_complement=False,
    person_pronouns=words("il elle je"),
    plural_pronouns=words("ils elles nous"),
    person_roles=words("""
        président présidente ministre gouverneur maire sénateur porte-parole secrétaire directeur
        directrice chef responsable analyste expert experte blogueur avocat juge procureur
        commandant général leader premier ambassadeur député candidat économiste professeur
        chercheur médecin fondateur patron dirigeant
    """),
    org_nouns=words("""
        entreprise société ministère gouvernement armée police agence comité conseil parti banque
        groupe administration tribunal commission organisation élysée kremlin préfecture mairie parquet gendarmerie
    """),
    determiners=words("le la les l un une ce cette son sa"),
    apposition_markers=words("un une le la qui dont"),
    skip_words=words("aussi également encore déjà ensuite alors ainsi également notamment"),
    coordinators=words("et mais"),
    subordinators=words("bien quoique si lorsque quand alors"),
    scare_markers=words("soi-disant prétendu prétendue surnommé surnommée baptisé baptisée dit dite") | phrases("ce qu'on appelle"),
    title_markers=words("film livre roman chanson album émission série pièce intitulé intitulée titre"),
    name_particles=words("de du des la le van von"),
)
