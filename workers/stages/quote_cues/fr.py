"""French cue table."""
from . import CueTable, phrases, words

TABLE = CueTable(
    language="fr",
    # Participles (after avoir), presents and simple pasts; inverted forms ("dit-il", "a-t-elle
    # déclaré") are the verb or auxiliary plus a pronoun suffix, see ``speaker_suffixes``.
    verbs=words("""
        félicité félicitée réjoui réjouie inquiété inquiétée indigné indignée exclamé exclamée
        rassuré déploré tempéré nuancé détaillé
        lancé lance ironisé ironise tranché tranche résumé résume conclu conclut soufflé souffle
        lâché lâche tonné tonne plaidé plaide répond interrogé interroge insistait ajoutait précisait
        soulignait estimait indiquait expliquent affirment assurent estiment indiquent soulignent
        déclarent disent ajoutent
        déclaré dit affirmé expliqué indiqué souligné estimé assuré ajouté précisé annoncé averti
        insisté reconnu rappelé confié martelé écrit prévenu jugé répondu raconté confirmé démenti
        dénoncé reconnu admis assuré signalé observé poursuivi lancé commenté tweeté nié regretté
        déclare dit affirme explique indique souligne estime assure ajoute précise annonce confirme
        rappelle reconnaît insiste prévient martèle confie raconte poursuit commente dément nie
        déclarait disait affirmait expliquait indiquait assurait
        déclara dit affirma expliqua ajouta précisa annonça
    """),
    speaker_suffixes=("-t-il", "-t-elle", "-t-on", "-il", "-elle", "-ils", "-elles", "-on"),
    # "s'est félicité", "s’est inquiétée": reflexive cues take "être"
    auxiliaries=words("a ont avait avaient aurait auraient s'est s’est se sont"),
    complementisers=words("que qu"),
    elided_complementisers=("qu'", "qu’"),
    according_to=words("selon") | phrases("d'après", "d’après", "aux dires de"),
    object_verbs=words("déclaré dit affirmé expliqué indiqué assuré confié"),
    bare_complement=False,
    person_pronouns=words("il elle je on"),
    masculine_pronouns=words("il"),
    feminine_pronouns=words("elle"),
    masculine_titles=words("m monsieur sénateur directeur ambassadeur"),
    feminine_titles=words("mme madame mlle mademoiselle présidente directrice sénatrice ambassadrice avocate"),
    relative_pronouns=words("qui"),
    plural_pronouns=words("ils elles nous"),
    person_roles=words("""
        entraîneur joueur joueuse capitaine habitant habitante témoin élu élue sélectionneur syndicaliste
        président présidente ministre gouverneur maire sénateur porte-parole secrétaire directeur
        directrice chef responsable analyste expert experte blogueur avocat juge procureur
        commandant général leader premier ambassadeur député candidat économiste professeur
        chercheur médecin fondateur patron dirigeant préfet préfète procureure adjoint adjointe
        présidente-directrice secrétaire-général entraîneur sélectionneur capitaine syndicaliste
    """),
    prepositions=words("de du des à au aux en dans pour par sur avec sous chez après avant d'"),
    honorifics=words("me maître mgr pr"),
    spokesperson_roles=words("porte-parole"),
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
    adverb_suffixes=('ment',),
    clause_cutters=phrases("mais", "tandis"),
    name_particles=words("de du des la le van von"),
)
