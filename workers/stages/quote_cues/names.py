"""Given names that mark a person's grammatical gender, for resolving gendered pronouns ("she said").

Data only. A short list of given names that are common across the covered languages' news and
are used for one gender almost only; names used for both (Andrea, Jean, Kim, Alex, Sasha …) are left
out on purpose. A name missing here only means the gender stays unknown, and an unknown gender never
blocks a resolution (see ``workers.stages.quotes._gender_of``). Lower-case, ASCII folded forms are not
added: the engine compares the name as written, lower-cased.
"""
from __future__ import annotations

from . import words

FEMININE_GIVEN: frozenset[str] = words("""
    mary patricia jennifer linda elizabeth barbara susan jessica sarah karen nancy lisa betty margaret
    sandra ashley kimberly emily donna michelle carol amanda melissa deborah stephanie rebecca laura
    sharon cynthia kathleen amy shirley angela helen anna brenda pamela nicole emma samantha katherine
    christine debra rachel catherine carolyn janet ruth maria heather diane virginia julie joyce
    victoria olivia christina lauren joan evelyn judith megan cheryl martha hannah
    hillary kamala nikki theresa jacinda ursula angela annalena christine giorgia marine ségolène
    anne-marie claire sophie camille julie nathalie isabelle sylvie valérie brigitte élisabeth
    marie élodie aurore agnès yolanda isabel carmen pilar lucía teresa begoña dilma marina
    gabriela fernanda beatriz ana luiza simone ilaria chiara francesca giulia elena federica
    ingrid petra sabine ulrike katarina greta britta hanneke sigrid femke
    siti dewi putri retno puan megawati susi rini ani yuli wati lestari indah
    fatimah aminah aisyah zainab nurul rosmah azizah
    yulia yuliya olga natalia natalya tatiana tatyana irina svetlana elena ekaterina yekaterina
    maria valentina anastasia marina lyudmila galina
    юлия ольга наталья татьяна ирина светлана елена екатерина мария валентина анастасия марина
    людмила галина
""")

MASCULINE_GIVEN: frozenset[str] = words("""
    james robert john michael william david richard joseph thomas charles christopher daniel matthew
    anthony mark donald steven paul andrew joshua kenneth kevin brian george timothy ronald edward
    jason jeffrey ryan jacob gary nicholas eric jonathan stephen larry justin scott brandon benjamin
    samuel gregory frank alexander raymond patrick jack dennis jerry tyler aaron jose adam henry
    nathan douglas zachary peter kyle walter ethan jeremy harold keith christian roger noah gerald
    carl terry sean austin arthur lawrence jesse dylan bryan joe billy bruce albert willie
    gabriel logan alan juan wayne roy ralph randy eugene vincent russell elijah louis bobby philip
    barack bill mike rishi boris keir joe emmanuel olaf friedrich markus robert xi vladimir dmitry
    emmanuel jean-luc françois nicolas édouard gabriel bruno gérald michel pierre jacques laurent
    pedro alberto santiago javier carlos luis miguel antonio manuel francisco jorge rafael
    luiz inácio jair fernando sergio giorgio matteo giuseppe mario sergio silvio enrico luca marco
    mark geert frans jesse dick wopke hans wolfgang jürgen horst
    joko prabowo anies ganjar muhammad ahmad budi bambang agus hendra andi rizal yusuf
    anwar mahathir najib ismail muhyiddin zahid
    vladimir dmitry sergey sergei alexei alexey aleksey andrei andrey ivan nikolai mikhail igor
    yevgeny evgeny maxim pavel yuri oleg viktor boris ramzan volodymyr
    владимир дмитрий сергей алексей андрей иван николай михаил игорь евгений максим павел юрий
    олег виктор борис рамзан
""")

# Honorifics written before a name in any of the spaced-script languages (Malaysian and Indonesian
# ones are the longest chains: "Datuk Seri Dr"); never part of the canonical name.
HONORIFICS: frozenset[str] = words("""
    dr dr. prof prof. ir ir. drs h. hj hj. haji hajah datuk dato dato' datin seri sri tan tun tuan
    puan encik tengku ustaz kh sir dame rev reverend mr mr. mrs mrs. ms ms. m. mme mlle
    herr frau sr sr. sra sra. don doña dom dona sig. dott. dott
""")
