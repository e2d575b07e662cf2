site-name = lotse
site-claim = Mittelstand 4.0-Kompetenzzentrum Cottbus
skip-to-content = Zum Inhalt springen
switch-language = English
nav-label = Hauptnavigation
nav-catalogue = Angebote
nav-qualifications = Qualifizierungen
nav-check = Digitalisierungs-Check
nav-partners = Partner
nav-footer-label = Rechtliches und Technik
nav-imprint = Impressum
nav-privacy = Datenschutz
nav-api = API
footer-text = Ein öffentlich gefördertes Kompetenzzentrum für kleine und mittlere Unternehmen in Brandenburg.
breadcrumbs-label = Brotkrumennavigation
topics-label = Themenfelder

home-title = Start
home-heading = Digitalisierung im Mittelstand – praxisnah, kostenfrei, in Ihrer Region
home-lead = Wir unterstützen kleine und mittlere Unternehmen in Brandenburg dabei, herauszufinden, wo sie digital stehen, und ihre Beschäftigten gezielt zu qualifizieren: mit Modulen, Workshops, Informationsveranstaltungen und Demonstratoren rund um Arbeit 4.0 und Logistik 4.0.
home-entry-label = Einstiege
home-entry-find = Angebot finden
home-entry-find-text = Workshops, Module und Webinare nach Thema, Ort und Datum.
home-entry-check = Digitalisierungs-Check
home-entry-check-text = In 15 Minuten sehen, wo Ihr Unternehmen steht – mit passenden Empfehlungen.
home-entry-qualify = Qualifizierungspfade
home-entry-qualify-text = Module, die zusammen zu einem Zertifikat führen.
home-stats = { $offerings } Angebote und { $qualifications } Qualifizierungspfade im Katalog
home-topics = Themenfelder
home-soon = Demnächst
home-all-offerings = Alle Angebote ansehen

catalogue-title = Angebote
catalogue-heading = Angebote finden
filters-label = Angebote filtern
filters-heading = Filter
filters-apply = Filter anwenden
filters-reset = Alle Filter zurücksetzen
filter-q = Suchbegriff
filter-topic = Themenfeld
filter-topic-any = Alle Themenfelder
filter-kind = Art
filter-kind-any = Alle Arten
filter-audience = Zielgruppe
filter-audience-any = Alle Zielgruppen
filter-partner = Partner
filter-partner-any = Alle Partner
filter-place = Ort
filter-place-any = Alle Orte
filter-dates = Zeitraum
filter-from = Von
filter-to = Bis
filter-error-prefix = Bitte prüfen Sie
results-count = { $n ->
    [one] 1 Angebot gefunden
   *[other] { $n } Angebote gefunden
}
results-invalid = Die Filter enthalten ungültige Angaben
results-none = Keine Angebote passen zu diesen Filtern. Setzen Sie einzelne Filter zurück oder wählen Sie einen anderen Zeitraum.
pager-label = Seiten
pager-first = Zur ersten Seite
pager-next = Weitere Angebote

hours = { $n ->
    [one] 1 Stunde
   *[other] { $n } Stunden
}
price-free = kostenfrei
next-session = Nächster Termin: { $date }
no-upcoming-session = Zurzeit kein Termin geplant
online = Online
and-online = und online
seats-free = { $free } von { $capacity } Plätzen frei
seats-full = Ausgebucht – Warteliste: { $waiting }
session-cancelled = Abgesagt
deadline = Anmeldung bis { $date }, { $time } Uhr
deadline-passed = Anmeldeschluss ist vorbei

offering-description = Worum es geht
offering-outcomes = Was Sie danach können
offering-audiences = Für wen
offering-facts = Auf einen Blick
offering-sessions = Termine
offering-no-sessions = Für dieses Angebot sind zurzeit keine Termine geplant.
offering-qualifications = Teil dieser Qualifizierungspfade
fact-kind = Art
fact-duration = Umfang
fact-format = Format
fact-level = Niveau
fact-language = Sprache
fact-price = Preis
fact-partner = Anbieter
module-required = Pflichtmodul
module-elective = Wahlmodul

qualifications-title = Qualifizierungspfade
qualifications-heading = Qualifizierungspfade
qualifications-lead = Ein Qualifizierungspfad bündelt Pflicht- und Wahlmodule. Wer die Pflichtmodule und genug Wahlmodule für die Mindeststundenzahl besucht, erhält ein Zertifikat.
qualification-facts = mindestens { $hours } Stunden · { $required } Pflichtmodule · { $elective } Wahlmodule
qualification-minimum = Mindestumfang:
qualification-required-hours = davon Pflichtmodule:
qualification-required = Pflichtmodule
qualification-elective = Wahlmodule
module-col-title = Modul
module-col-hours = Umfang
module-col-next = Nächster Termin

partners-title = Partner
partners-heading = Unsere Partner
partners-lead = Das Kompetenzzentrum wird von einem Konsortium aus Hochschulen, Forschungseinrichtungen und Kammern getragen und arbeitet mit Gewerkschaften und Arbeitgeberverbänden zusammen.
partner-offerings = Angebote dieses Partners

topic-arbeit-4-0 = Arbeit 4.0
topic-logistik-4-0 = Logistik 4.0
topic-strategie = Strategie & Geschäftsmodelle
topic-it-sicherheit = IT-Sicherheit
topic-daten-ki = Daten & KI
topic-produktion-automatisierung = Produktion & Automatisierung
topic-nachhaltigkeit = Nachhaltigkeit
audience-geschaeftsfuehrung = Geschäftsführung
audience-fach-fuehrungskraefte = Fach- und Führungskräfte
audience-beschaeftigte = Beschäftigte
audience-betriebsraete = Betriebs- und Personalräte
audience-auszubildende = Auszubildende
audience-multiplikatoren = Multiplikatoren
kind-module = Qualifizierungsmodul
kind-workshop = Workshop
kind-info_event = Informationsveranstaltung
kind-webinar = Webinar
kind-consultation = Erstberatung
kind-demonstrator = Demonstrator-Besuch
format-presence = Präsenz
format-online = Online
format-blended = Präsenz und online
level-basic = Einsteiger
level-intermediate = Fortgeschrittene
level-advanced = Expertinnen und Experten
language-de = Deutsch
language-en = Englisch
partner-kind-consortium_member = Konsortium
partner-kind-associated_partner = Assoziierte Partner
partner-kind-chamber = Kammern
partner-kind-association = Verbände

error-404-heading = Seite nicht gefunden
error-404-text = Diese Seite gibt es nicht (mehr). Vielleicht wurde das Angebot entfernt oder der Link ist unvollständig.
error-400-heading = Ungültige Anfrage
error-400-text = Die Anfrage enthält Angaben, die wir nicht verarbeiten können.
error-500-heading = Etwas ist schiefgelaufen
error-500-text = Bei uns ist ein Fehler aufgetreten. Bitte versuchen Sie es in einigen Minuten erneut.
error-home = Zur Startseite
error-status = Statuscode

imprint-heading = Impressum
imprint-p1 = Angaben gemäß § 5 DDG: Der Betreiber dieser Installation trägt hier Name, Anschrift, Vertretungsberechtigte und Kontakt des Kompetenzzentrums ein.
imprint-p2 = Verantwortlich für den Inhalt nach § 18 Abs. 2 MStV: Name und Anschrift der verantwortlichen Person.
imprint-p3 = Das Kompetenzzentrum wird öffentlich gefördert. Angaben zum Fördermittelgeber und Förderkennzeichen folgen hier.
privacy-heading = Datenschutz
privacy-p1 = Der Schutz Ihrer Daten ist uns wichtig. Der Betreiber ergänzt hier die vollständige Datenschutzerklärung nach Art. 13 DSGVO.
privacy-p2 = Diese Seiten laden keine Inhalte von fremden Servern: keine Schriften, keine Skripte, keine Analysewerkzeuge.
privacy-p3 = Ein Cookie speichert nur die gewählte Sprache. Weitere Cookies setzen wir erst, wenn Sie sich anmelden.
privacy-p4 = Sie haben das Recht auf Auskunft, Berichtigung, Löschung, Einschränkung der Verarbeitung, Datenübertragbarkeit und Beschwerde bei einer Aufsichtsbehörde.
check-heading = Digitalisierungs-Check
check-p1 = Wo steht Ihr Unternehmen bei der Digitalisierung? Der Check fragt in sechs Bereichen nach – von Strategie über Daten und Sicherheit bis zu Automatisierung und Nachhaltigkeit – und dauert etwa 15 Minuten.
check-p2 = Am Ende sehen Sie Ihre Werte je Bereich und erhalten passende Angebote des Kompetenzzentrums als Empfehlung.
check-p3 = Der Fragebogen wird gerade fertiggestellt. Bis dahin finden Sie passende Angebote im Katalog.

api-title = API
api-heading = Die lotse-API
api-lead = Die JSON-API liefert den Katalog für eigene Anwendungen. Fehler kommen als application/problem+json (RFC 9457). Maschinenlesbare Beschreibung:
api-parameters = Parameter
api-responses = Antworten
api-col-name = Name
api-col-in = Ort
api-col-description = Beschreibung
api-col-status = Status

mail-greeting = { $name ->
    [none] Guten Tag,
   *[other] Guten Tag { $name },
}
mail-footer = Kompetenzzentrum Mittelstand – diese Nachricht wurde automatisch von lotse versandt.
mail-confirm-subject = Bitte bestätigen Sie Ihre E-Mail-Adresse
mail-confirm-body = vielen Dank für Ihre Registrierung. Bitte bestätigen Sie Ihre E-Mail-Adresse; erst danach können Sie Termine buchen.

    Der Link gilt sieben Tage. Wenn Sie sich nicht registriert haben, ignorieren Sie diese Nachricht einfach.
mail-confirm-action = E-Mail-Adresse bestätigen
mail-reset-subject = Neues Passwort für Ihr Konto
mail-reset-body = Sie haben ein neues Passwort angefordert. Über den folgenden Link legen Sie es fest. Der Link gilt eine Stunde und nur einmal.

    Wenn Sie kein neues Passwort angefordert haben, ignorieren Sie diese Nachricht; Ihr Passwort bleibt unverändert.
mail-reset-action = Neues Passwort festlegen
mail-reset-unknown-subject = Anfrage zum Zurücksetzen eines Passworts
mail-reset-unknown-body = jemand hat für diese E-Mail-Adresse ein neues Passwort angefordert. Unter dieser Adresse gibt es bei uns jedoch kein Konto.

    Wenn Sie das waren, haben Sie sich vielleicht mit einer anderen Adresse registriert. Andernfalls ignorieren Sie diese Nachricht.
mail-reset-unknown-action = Konto anlegen
mail-invite-subject = Einladung von { $organization }
mail-invite-body = { $organization } lädt Sie ein, dem Unternehmen im Kompetenzzentrum beizutreten. Dann kann Ihr Unternehmen Sie für Angebote anmelden.
mail-invite-action = Einladung annehmen
