"""Portuguese cue table."""
from . import CueTable, phrases, words

TABLE = CueTable(
    language="pt",
    verbs=words("""
        assegurou adiantou referiu observou enfatizou esclareceu avisou
        lamentou concluiu lembrou recordou reiterou relatou brincou ironizou exclamou
        lembra conclui reitera conta relata afirmam garantem explicam declaram dizia contava
        disse diz declarou afirmou garantiu explicou salientou indicou acrescentou sublinhou
        destacou advertiu insistiu reconheceu sustentou anunciou escreveu comentou ressaltou
        avaliou alertou defendeu dito declarado afirmado negou confirmou admitiu informou relatou
        contou respondeu ponderou frisou reiterou
        dizem disseram afirma garante explica destaca acrescenta alerta avalia ressalta defende
        afirmaram declararam explicaram informaram garantiram
        dizia afirmava
    """),
    auxiliaries=words("tem têm tinha havia"),
    complementisers=words("que"),
    according_to=words("segundo conforme") | phrases("de acordo com", "na opinião de"),
    object_verbs=words("disse garantiu explicou"),
    person_pronouns=words("ele ela eu"),
    masculine_pronouns=words("ele"),
    feminine_pronouns=words("ela"),
    masculine_titles=words("sr senhor dom ministro governador prefeito senador deputado diretor"),
    feminine_titles=words("sra senhora dona presidenta ministra governadora prefeita senadora deputada diretora"),
    relative_pronouns=words("quem"),
    plural_pronouns=words("eles elas nós"),
    person_roles=words("""
        treinador técnico jogador capitão autarca vereador vereadora morador moradora testemunha responsável selecionador dirigente sindicalista biólogo bióloga magistrado
        presidente ministro ministra governador governadora prefeito prefeita senador porta-voz
        secretário secretária diretor diretora chefe analista especialista blogueiro advogado
        advogada juiz procurador comandante general líder embaixador deputado deputada candidato
        candidata economista professor pesquisador médico fundador
    """),
    prepositions=words("de do da dos das a ao à aos às em no na nos nas com por para pelo pela sobre após"),
    spokesperson_roles=words("porta-voz"),
    pro_drop=True,
    org_nouns=words("""
        empresa companhia ministério governo exército polícia agência comitê comité conselho
        partido banco grupo administração tribunal comissão organização kremlin
    """),
    determiners=words("o a os as um uma este esta seu sua"),
    apposition_markers=words("um uma o a que quem"),
    skip_words=words("também ainda já depois então"),
    coordinators=words("e mas"),
    subordinators=words("embora enquanto se quando porque"),
    scare_markers=words("chamado chamada denominado denominada apelidado apelidada suposto suposta"),
    title_markers=words("filme livro romance canção álbum programa série peça intitulado intitulada"),
    adverb_suffixes=('mente',),
    clause_cutters=phrases("mas", "enquanto"),
    name_particles=words("de da do dos das e"),
)
