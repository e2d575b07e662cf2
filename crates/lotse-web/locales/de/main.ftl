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
results-by-relevance = Die besten Treffer für Ihren Suchbegriff zuerst.
refine-label = Treffer eingrenzen
session-calendar-link = In den Kalender (iCal)
topic-feed-link = Termine im Themenfeld { $topic } als Kalender abonnieren (iCal)
beside-qualifications = Qualifizierungen zu Ihrer Suche
beside-partners = Partner zu Ihrer Suche
suggestions-label = Vorschläge
challenge-heading = Beschreiben Sie Ihre Herausforderung
challenge-title = Ihre Herausforderung
challenge-label = Was beschäftigt Ihr Unternehmen gerade?
challenge-hint = In eigenen Worten, zum Beispiel: „Unser Lager ist chaotisch“ oder „Wir wollen Angebote schneller schreiben“. Höchstens 500 Zeichen.
challenge-submit = Passende Angebote finden
challenge-results = Passende Angebote
challenge-dimension = Ihr Anliegen betrifft vor allem diesen Bereich des Digitalisierungs-Checks:
challenge-to-check = Mit dem Digitalisierungs-Check herausfinden, wo Ihr Unternehmen steht
challenge-none = Zu Ihrer Beschreibung haben wir kein passendes Angebot gefunden. Versuchen Sie andere Worte, oder sehen Sie sich alle Angebote an:
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
cancellation-until = Abmeldung möglich bis { $date }, { $time } Uhr

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
mail-footer = { $center } – diese Nachricht wurde automatisch versandt.
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

nav-account = Mein Konto
center-name = Kompetenzzentrum
form-has-errors = Bitte korrigieren Sie die markierten Angaben.
link-invalid = Der Link ist ungültig, abgelaufen oder wurde schon benutzt. Fordern Sie bitte einen neuen an.
field-choose = Bitte wählen
field-name = Name
field-email = E-Mail-Adresse
field-password = Passwort
field-password-hint = Mindestens 12 Zeichen. Gut merkbar und schwer zu erraten ist ein Satz aus mehreren Wörtern.
field-current_password = Aktuelles Passwort
field-new_password = Neues Passwort
field-delete_password = Passwort zur Bestätigung
field-company-name = Unternehmen (optional)
field-company-hint = Wenn Sie ein Unternehmen angeben, werden Sie dessen Administrator und können Beschäftigte anmelden.
field-company-sector = Wirtschaftszweig (WZ 2008)
field-company-staff_count = Zahl der Beschäftigten
field-company-county = Landkreis oder kreisfreie Stadt
login-heading = Anmelden
login-submit = Anmelden
login-to-register = Noch kein Konto? Jetzt registrieren
login-forgot = Passwort vergessen?
login-refused = E-Mail-Adresse oder Passwort sind nicht richtig.
login-throttled = Zu viele fehlgeschlagene Anmeldeversuche. Bitte warten Sie 15 Minuten und versuchen Sie es dann erneut.
login-notice = Ihr neues Passwort ist gespeichert. Bitte melden Sie sich an.
register-heading = Registrieren
register-submit = Konto anlegen
register-lead = Mit einem Konto buchen Sie Termine, sehen Ihre Anmeldungen und erhalten Ihre Nachweise.
register-consent = Ich habe die Datenschutzhinweise gelesen und bin mit der Verarbeitung meiner Angaben einverstanden.
register-consent-missing = Bitte bestätigen Sie, dass Sie die Datenschutzhinweise gelesen haben.
register-to-login = Schon registriert? Anmelden
forgot-heading = Passwort vergessen
forgot-lead = Geben Sie die E-Mail-Adresse Ihres Kontos ein. Wir schicken Ihnen einen Link, mit dem Sie ein neues Passwort festlegen.
forgot-submit = Link anfordern
forgot-sent-heading = E-Mail ist unterwegs
forgot-sent-p1 = Wenn es zu dieser Adresse ein Konto gibt, erhalten Sie in wenigen Minuten eine E-Mail mit einem Link. Der Link gilt eine Stunde.
new-password-heading = Neues Passwort festlegen
new-password-submit = Passwort speichern
confirm-ok-heading = E-Mail-Adresse bestätigt
confirm-ok-p1 = Vielen Dank. Ihre E-Mail-Adresse ist bestätigt; Sie können jetzt Termine buchen.
confirm-failed-heading = Link ungültig
confirm-failed-p1 = Der Link ist ungültig, abgelaufen oder wurde schon benutzt. Auf der Seite „Mein Konto“ können Sie einen neuen anfordern.
account-title = Mein Konto
account-heading = Mein Konto
account-profile = Profil
account-confirmed = bestätigt
account-unconfirmed = noch nicht bestätigt
account-resend = Bestätigungslink erneut senden
account-roles = Rollen
account-no-roles = Sie gehören noch keinem Unternehmen und keiner Organisation an.
account-language = Sprache für E-Mails und Seiten
account-save = Speichern
account-password = Passwort ändern
account-password-change = Passwort ändern
account-tokens = API-Tokens
account-tokens-lead = Mit einem persönlichen Token greifen Skripte und andere Programme in Ihrem Namen auf die API zu.
account-created = Angelegt
account-actions = Aktionen
account-revoke = Widerrufen
account-token-name = Name des neuen Tokens
account-token-create = Token erzeugen
account-token-created = Ihr neuer Token. Kopieren Sie ihn jetzt – er wird nur dieses eine Mal angezeigt:
account-token-name-missing = Bitte geben Sie dem Token einen Namen (höchstens 80 Zeichen).
account-sessions = Angemeldete Geräte
account-this-session = dieses Gerät
account-sign-out-everywhere = Überall abmelden
account-sign-out = Abmelden
account-data = Meine Daten
account-data-lead = Sie können alle Daten, die wir über Sie speichern, als Datei herunterladen (Art. 15 und 20 DSGVO).
account-export = Meine Daten herunterladen (JSON)
account-delete = Konto löschen
account-delete-lead = Ihre persönlichen Daten werden unwiderruflich gelöscht. Anonyme Zahlen für die Statistik des Zentrums bleiben erhalten.
account-delete-hint = Geben Sie zur Sicherheit Ihr Passwort ein.
account-delete-button = Konto endgültig löschen
account-delete-wrong = Das Passwort ist nicht richtig.
account-deleted-heading = Konto gelöscht
account-deleted-p1 = Ihr Konto und Ihre persönlichen Daten sind gelöscht. Vielen Dank, dass Sie unsere Angebote genutzt haben.
account-notice-registriert = Willkommen! Wir haben Ihnen eine E-Mail mit einem Bestätigungslink geschickt.
account-notice-sprache = Die Sprache ist gespeichert.
account-notice-passwort = Ihr Passwort ist geändert. Andere Geräte sind abgemeldet.
account-notice-token-widerrufen = Der Token ist widerrufen.
account-notice-bestaetigung-gesendet = Wir haben Ihnen einen neuen Bestätigungslink geschickt.
role-learner = Beschäftigte/r
role-company_admin = Unternehmensadministration
role-partner_editor = Redaktion Partner
role-social_partner = Sozialpartner
role-staff = Koordination Kompetenzzentrum
role-admin = Administration
sector-A = Land- und Forstwirtschaft, Fischerei
sector-B = Bergbau und Gewinnung von Steinen und Erden
sector-C = Verarbeitendes Gewerbe
sector-D = Energieversorgung
sector-E = Wasserversorgung, Abwasser- und Abfallentsorgung
sector-F = Baugewerbe
sector-G = Handel, Instandhaltung und Reparatur von Kfz
sector-H = Verkehr und Lagerei
sector-I = Gastgewerbe
sector-J = Information und Kommunikation
sector-K = Finanz- und Versicherungsdienstleistungen
sector-L = Grundstücks- und Wohnungswesen
sector-M = Freiberufliche, wissenschaftliche und technische Dienstleistungen
sector-N = Sonstige wirtschaftliche Dienstleistungen
sector-O = Öffentliche Verwaltung, Verteidigung, Sozialversicherung
sector-P = Erziehung und Unterricht
sector-Q = Gesundheits- und Sozialwesen
sector-R = Kunst, Unterhaltung und Erholung
sector-S = Sonstige Dienstleistungen
sector-T = Private Haushalte
sector-U = Exterritoriale Organisationen
account-notice-eingeladen = Sie sind dem Unternehmen beigetreten.
invitation-other-heading = Einladung für eine andere Adresse
invitation-other-p1 = Diese Einladung gilt für eine andere E-Mail-Adresse. Melden Sie sich mit der Adresse an, an die die Einladung ging, oder bitten Sie um eine neue Einladung.
invitation-invalid-heading = Einladung ungültig
invitation-invalid-p1 = Die Einladung ist ungültig, abgelaufen oder wurde schon angenommen. Bitten Sie Ihr Unternehmen um eine neue Einladung.
account-company = Unternehmen
account-members = Beschäftigte
account-remove = Entfernen
account-invite-email = E-Mail-Adresse einer Kollegin oder eines Kollegen
account-invite = Einladen
account-invite-invalid = Bitte geben Sie eine gültige E-Mail-Adresse ein.
account-leave = Unternehmen verlassen
account-notice-eingeladen-versandt = Die Einladung ist verschickt; der Link gilt 14 Tage.
account-notice-entfernt = Die Person gehört nicht mehr zum Unternehmen.
account-notice-verlassen = Sie gehören nicht mehr zu diesem Unternehmen.
editor-title = Redaktion
editor-heading = Redaktion
editor-lead = Hier pflegen Sie die Angebote und Termine, für die Sie zuständig sind.
editor-new = Neues Angebot
editor-offerings = Angebote
editor-col-title = Titel
editor-summary = Kurzbeschreibung
editor-description = Beschreibung
editor-description-hint = Absätze durch eine Leerzeile trennen.
editor-outcomes = Lernziele
editor-outcomes-hint = Ein Lernziel pro Zeile, zum Beispiel „Sie können …“.
editor-topics = Themenfelder
editor-audiences = Zielgruppen
editor-save = Angebot speichern
editor-new-session = Neuer Termin
editor-add-session = Termin anlegen
editor-cancel-session = Absagen
editor-online-only = nur online
editor-notice-angelegt = Das Angebot ist angelegt. Legen Sie jetzt Termine an.
editor-notice-gespeichert = Die Änderungen sind gespeichert.
editor-notice-termin = Der Termin ist angelegt.
editor-notice-abgesagt = Der Termin ist abgesagt.
account-editor-link = Zur Redaktion: Angebote und Termine pflegen
field-title = Titel
field-kind = Art
field-partner_id = Anbieter
field-duration_hours = Umfang in Stunden
field-format = Format
field-level = Niveau
field-language = Sprache
field-price = Preis in Euro
field-price-hint = 0 für kostenfreie Angebote, sonst zum Beispiel 49,00.
field-starts_at = Beginn
field-ends_at = Ende
field-registration_deadline = Anmeldeschluss (optional)
field-registration_deadline-hint = Ohne Angabe: einen Tag vor Beginn.
field-place_id = Ort
field-online_link = Online-Link (optional)
field-online_link-hint = Der Beitrittslink (BigBlueButton, Jitsi, Teams, Zoom …). Nur angemeldete Teilnehmende mit Platz sehen ihn.
field-dial_in = Einwahl per Telefon (optional)
field-dial_in-hint = Nummer und Konferenz-ID, nur zusammen mit einem Online-Link.
invalid-dial-in-without-link = eine Einwahl braucht einen Online-Link
field-capacity = Plätze
admin-title = Verwaltung
admin-heading = Verwaltung
admin-people = Konto für eine Person anlegen
admin-people-lead = Für Personen, die sich telefonisch oder auf Papier angemeldet haben. Das Konto gilt als bestätigt; ein Passwort legt die Person über „Passwort vergessen“ selbst fest.
admin-people-create = Konto anlegen
admin-audit = Protokoll
admin-col-when = Zeitpunkt
admin-col-action = Aktion
admin-col-actor = Wer
admin-col-subject = Betroffen
admin-col-ip = Adresse
admin-company-hint = Optional: die ID des Unternehmens, für das die Person arbeitet.
admin-company-invalid = ist keine gültige Unternehmens-ID
admin-notice-created = Das Konto ist angelegt.
account-admin-link = Zur Verwaltung: Konten anlegen und Protokoll
field-company_id = Unternehmens-ID
editor-withdraw = Angebot zurückziehen
editor-withdraw-lead = Zurückgezogene Angebote verschwinden aus dem Katalog; alle geplanten Termine werden abgesagt.
editor-notice-zurueckgezogen = Das Angebot ist zurückgezogen; seine Termine sind abgesagt.
mail-booking-confirmed-subject = Anmeldung bestätigt: { $offering }
mail-booking-confirmed-body = Ihre Anmeldung ist bestätigt. Wir freuen uns auf Sie.

    { $offering }
    { $when }

    Ihr Ticket finden Sie unter „Meine Anmeldungen“. Bis 24 Stunden vor Beginn können Sie sich dort auch wieder abmelden.
mail-booking-confirmed-action = Meine Anmeldungen
mail-booking-waitlisted-subject = Warteliste: { $offering }
mail-booking-waitlisted-body = Der Termin ist ausgebucht. Sie stehen auf Platz { $position } der Warteliste.

    { $offering }
    { $when }

    Wird ein Platz frei, rücken Sie automatisch nach und erhalten eine E-Mail.
mail-booking-waitlisted-action = Meine Anmeldungen
mail-booking-promoted-subject = Ein Platz ist frei geworden: { $offering }
mail-booking-promoted-body = Gute Nachricht: Ein Platz ist frei geworden, und er gehört jetzt Ihnen. Ihre Anmeldung ist bestätigt.

    { $offering }
    { $when }
mail-booking-promoted-action = Ticket ansehen
mail-booking-cancelled-subject = Abmeldung bestätigt: { $offering }
mail-booking-cancelled-body = Ihre Anmeldung ist storniert.

    { $offering }
    { $when }
mail-booking-cancelled-action = Meine Anmeldungen
booking-refused-heading = Anmeldung nicht möglich
booking-back = Zurück
book-session = Anmelden
book-waitlist = Auf die Warteliste
registrations-title = Meine Anmeldungen
registrations-heading = Meine Anmeldungen
registrations-none = Sie sind noch für keinen Termin angemeldet.
registrations-join = Online teilnehmen
registrations-dial-in = Per Telefon:
registrations-ticket = Ticket:
registrations-cancel = Abmelden
registrations-notice-bestaetigt = Ihre Anmeldung ist bestätigt. Eine E-Mail ist unterwegs.
registrations-notice-warteliste = Der Termin ist ausgebucht; Sie stehen auf der Warteliste und rücken automatisch nach.
registrations-notice-storniert = Ihre Anmeldung ist storniert.
feed-heading = Kalender-Abo
feed-lead = Abonnieren Sie Ihre Termine in Ihrem Kalender (Outlook, Google, Apple, Thunderbird). Die Adresse ist geheim: Wer sie kennt, sieht Ihre Termine.
feed-create = Kalender-Abo einrichten
feed-renew = Neue Adresse erzeugen (die alte hört auf zu gelten)
feed-revoke = Kalender-Abo beenden
feed-created = Ihr Kalender-Abo ist eingerichtet. Tragen Sie diese Adresse in Ihrem Kalender als Abonnement ein. Sie wird nur dieses eine Mal angezeigt.
feed-address = Adresse des Kalender-Abos
feed-copy = Adresse kopieren
feed-copied = Die Adresse ist kopiert.
feed-active = Ihr Kalender-Abo besteht seit { $date }. Die Adresse wurde beim Einrichten einmal angezeigt; wenn Sie sie nicht mehr haben, erzeugen Sie eine neue.
registrations-notice-kalender-beendet = Ihr Kalender-Abo ist beendet; die Adresse gilt nicht mehr.
registration-confirmed = Bestätigt
registration-waitlisted = Warteliste, Platz { $position }
registration-attended = Teilgenommen
registration-no-show = Nicht erschienen
registration-cancelled = Storniert
account-registrations-link = Meine Anmeldungen und Tickets
mail-session-cancelled-subject = Termin abgesagt: { $offering }
mail-session-cancelled-body = Leider müssen wir diesen Termin absagen. Ihre Anmeldung entfällt; es entstehen Ihnen keine Kosten.

    { $offering }
    { $when }

    Im Katalog finden Sie weitere Termine dieses Angebots.
mail-session-cancelled-action = Meine Anmeldungen
checkin-title = Teilnehmende und Check-in
checkin-attended = anwesend
checkin-expected = bestätigt
checkin-waiting = auf der Warteliste
checkin-ticket = Ticketcode
checkin-submit = Einchecken
checkin-search = Name suchen
checkin-search-submit = Suchen
checkin-csv = Liste als CSV herunterladen
checkin-xlsx = Liste als Excel-Datei (XLSX) herunterladen
checkin-camera-start = Kamera-Scanner starten
checkin-camera-stop = Kamera-Scanner beenden
checkin-camera-denied = Die Kamera ist nicht verfügbar oder wurde nicht freigegeben. Bitte geben Sie den Ticketcode ein.
checkin-camera-view = Kamerabild zum Scannen des QR-Codes
export-name = Name
export-email = E-Mail
export-company = Unternehmen
export-status = Status
export-waitlist = Wartelistenplatz
export-booked-at = Angemeldet am
export-ticket = Ticketcode
checkin-list = Teilnehmende
checkin-status = Status
checkin-mark = Anwesend
checkin-ok = { $name } ist eingecheckt.
checkin-withdraw = Anwesenheit zurücknehmen
checkin-withdrawn = Die Anwesenheit von { $name } ist zurückgenommen.
checkin-mark-late = Als anwesend eintragen
checkin-marked = { $name } ist als anwesend eingetragen.
checkin-again = { $name } war bereits eingecheckt.
checkin-other-session = Dieses Ticket gehört zu einem anderen Termin.
checkin-unknown = Unbekannter oder stornierter Ticketcode. Bitte prüfen Sie die Eingabe.
checkin-no-registrations = Noch keine Anmeldungen
checkin-no-match = Niemand mit diesem Namen angemeldet
editor-checkin = Teilnehmende & Check-in
registrations-qr = QR-Code des Tickets zum Einscannen beim Check-in
mail-join = So nehmen Sie online teil: { $link }
mail-dial-in = Per Telefon: { $dial_in }
mail-join-changed-subject = Neuer Zugang: { $offering }
mail-join-changed-body = der Zugang zu Ihrem Online-Termin hat sich geändert. Bitte nutzen Sie ab jetzt die Angaben in dieser Mail; die Kalenderdatei im Anhang ersetzt die alte.

    { $offering }
    { $when }
mail-join-changed-action = Meine Anmeldungen
mail-starts-soon-subject = Gleich geht es los: { $offering }
mail-starts-soon-body = Ihr Online-Termin beginnt in Kürze.

    { $offering }
    { $when }
mail-starts-soon-action = Meine Anmeldungen
mail-dates-confirm-subject = Bitte bestätigen: Termine für { $offering }
mail-dates-confirm-body = Sie möchten erfahren, wenn es für „{ $offering }“ neue Termine gibt. Bitte bestätigen Sie Ihre Adresse mit dem Link unten.

    Waren Sie das nicht, ignorieren Sie diese Mail einfach; ohne Bestätigung schreiben wir Ihnen nicht wieder.
mail-dates-confirm-action = Adresse bestätigen
mail-new-dates-subject = Neue Termine: { $offering }
mail-new-dates-body = für „{ $offering }“ gibt es neue Termine. Sie können sich jetzt anmelden.
mail-new-dates-action = Zum Angebot
mail-new-dates-unsubscribe = Keine Nachrichten mehr zu diesem Angebot? Abmelden mit einem Klick: { $link }
dates-heading = Über neue Termine informiert werden
dates-text = Zurzeit ist kein Platz frei. Wir schreiben Ihnen einmal, sobald es neue Termine gibt.
dates-button = Benachrichtigen
dates-email = Ihre E-Mail-Adresse
dates-notice-benachrichtigung = Sie werden benachrichtigt, sobald es neue Termine gibt.
dates-notice-bestaetigen = Bitte bestätigen Sie Ihre Adresse mit dem Link aus der Mail, die wir Ihnen geschickt haben.
dates-confirm-heading = Adresse bestätigen
dates-confirm-text = Bestätigen Sie, dass wir Ihnen schreiben, wenn es für „{ $offering }“ neue Termine gibt.
dates-confirm-button = Bestätigen
dates-unsubscribe-heading = Abmelden
dates-unsubscribe-text = Sie werden benachrichtigt, wenn es für „{ $offering }“ neue Termine gibt. Möchten Sie das nicht mehr?
dates-unsubscribe-button = Abmelden
dates-confirmed-heading = Bestätigt
dates-confirmed-p1 = Danke. Wir schreiben Ihnen, sobald es neue Termine gibt.
dates-unsubscribed-heading = Abgemeldet
dates-unsubscribed-p1 = Sie bekommen zu diesem Angebot keine Nachrichten mehr.
dates-link-unknown-heading = Link ungültig
dates-link-unknown-p1 = Dieser Link gilt nicht mehr: Er wurde schon benutzt oder durch den Link einer neueren Mail ersetzt.
editor-waiting-for-dates = { $count ->
        [0] Niemand wartet auf einen neuen Termin.
        [one] 1 Person wartet auf einen neuen Termin.
       *[other] { $count } Personen warten auf einen neuen Termin.
    }
mail-reminder-subject = Erinnerung: { $offering }
mail-reminder-body = in zwei Tagen ist es so weit – wir freuen uns auf Sie.

    { $offering }
    { $when }

    Falls Sie nicht kommen können, melden Sie sich bitte ab, damit jemand von der Warteliste nachrücken kann.
mail-reminder-action = Meine Anmeldungen
company-book-title = Beschäftigte anmelden
company-book-who = Wen möchten Sie anmelden?
company-book-submit = Ausgewählte anmelden
company-book-nobody = Bitte wählen Sie mindestens eine Person aus.
company-book-link = Beschäftigte anmelden
company-registrations-title = Unsere Anmeldungen
company-registrations-none = Für Ihr Unternehmen gibt es noch keine Anmeldungen.
field-cancellation_cutoff_hours = Abmeldung bis (Stunden vor Beginn, optional)
field-cancellation_cutoff_hours-hint = Ohne Angabe: 24 Stunden. Danach können nur noch Koordinatorinnen und Koordinatoren stornieren.

# Digitalisierungs-Check
check-scale-0 = nicht genutzt
check-scale-1 = in Überlegung
check-scale-2 = als Prototyp
check-scale-3 = in Erprobung
check-scale-4 = in Einführung
check-scale-5 = im Betrieb
check-reason = Ihr Wert in „{ $dimension }“ liegt bei { $score } von 100, das Ziel ist { $target }. Dieses Angebot gehört zum Themenfeld { $topic }.
check-reason-important = Sie haben diesen Bereich als besonders wichtig markiert.
check-title = Digitalisierungs-Check
check-intro = Wo steht Ihr Unternehmen bei der Digitalisierung? Der Check fragt in sechs Bereichen nach und zeigt Ihnen am Ende Ihre Werte, einen Vergleich mit ähnlichen Unternehmen und passende Angebote des Kompetenzzentrums.
check-fact-items = { $count } Fragen, ein Bereich pro Schritt
check-fact-time = etwa 10 bis 15 Minuten; Ihre Antworten werden bei jedem Schritt gespeichert
check-fact-not-relevant = Was für Ihr Unternehmen keine Rolle spielt, kreuzen Sie als „trifft für uns nicht zu“ an – das zählt dann nicht als Lücke.
check-areas = Die sechs Bereiche
check-for-company = Sie sind angemeldet: Das Ergebnis wird für { $company } gespeichert, sodass Sie Ihre Entwicklung über die Zeit sehen.
check-anonymous = Sie können den Check ohne Konto machen. Ihr Ergebnis erreichen Sie dann über einen Link, den nur Sie kennen.
check-begin = Check starten
check-resume = Angefangenen Check fortsetzen
check-progress = Schritt { $step } von { $steps }
check-errors = Bitte beantworten Sie die markierten Fragen. Was nicht auf Sie zutrifft, können Sie als „trifft für uns nicht zu“ ankreuzen.
check-missing = Bitte wählen Sie eine Antwort.
check-not-relevant = trifft für uns nicht zu
check-tri-no = Nein
check-tri-partial = Teilweise
check-tri-yes = Ja
check-hint-scale = Wie weit nutzen Sie diese Technik?
check-hint-multi = Kreuzen Sie alles an, was zutrifft. Nichts anzukreuzen ist auch eine Antwort.
check-importance = Wie wichtig ist „{ $dimension }“ für Ihr Unternehmen in den nächsten zwei Jahren?
check-importance-low = weniger wichtig
check-importance-normal = wichtig
check-importance-high = besonders wichtig
check-next = Weiter
check-back = Zurück
check-evaluate = Auswerten
check-saved = Ihre Antworten sind gespeichert. Mit diesem Link machen Sie später weiter:
check-result-title = Ihr Ergebnis im Digitalisierungs-Check
check-version = Fragebogen
check-overall = Gesamtwert
check-of-100 = von 100
check-band-basic = Einstieg
check-band-average = Grundlagen
check-band-moderately_advanced = Fortgeschritten
check-band-advanced = Vorreiter
check-band-basic-text = Ihr Unternehmen steht am Anfang (0 bis 25 Punkte). Schon wenige gezielte Schritte bringen hier viel.
check-band-average-text = Die Grundlagen sind gelegt (26 bis 50 Punkte). Jetzt lohnt es sich, Schwerpunkte zu setzen.
check-band-moderately_advanced-text = Ihr Unternehmen ist gut unterwegs (51 bis 75 Punkte). Die Empfehlungen zeigen, wo es noch Lücken gibt.
check-band-advanced-text = Ihr Unternehmen gehört zu den Vorreitern (76 bis 100 Punkte). Vertiefen Sie gezielt einzelne Bereiche.
check-band-none = Ohne relevante Antworten lässt sich kein Gesamtwert berechnen.
check-dimensions = Ihre Werte in den sechs Bereichen
check-chart-title = Netzdiagramm der sechs Bereiche
check-chart-desc = Jede Achse ist ein Bereich von 0 (Mitte) bis 100 (Rand). Die Zahlen stehen auch in der Tabelle darunter.
check-table-caption = Werte je Bereich (0 bis 100)
check-col-dimension = Bereich
check-col-score = Ihr Wert
check-col-peers = Vergleichsgruppe: Median (mittlere Hälfte)
check-col-meaning = Was der Wert beschreibt
check-peers = Vergleich mit ähnlichen Unternehmen
check-peers-company-only = Einen Vergleich gibt es für Ergebnisse von Unternehmen: Wenn Sie angemeldet und einem Unternehmen zugeordnet sind, vergleichen wir mit Unternehmen gleicher Größe und Branche.
check-peers-too-few = Für einen Vergleich braucht es mindestens fünf andere Unternehmen gleicher Größe und Branche mit einem Ergebnis; bisher sind es { $count }. So bleibt kein einzelnes Ergebnis erkennbar.
check-peers-shown = Verglichen mit { $count } Unternehmen derselben Größenklasse ({ $size }) und desselben Wirtschaftsabschnitts ({ $sector }), jeweils mit ihrem neuesten Ergebnis.
check-peers-legend = In der Tabelle: Median der Vergleichsgruppe, in Klammern das untere und das obere Quartil. Im Diagramm ist der Median gestrichelt eingezeichnet.
check-history = Ihre Entwicklung
check-history-caption = Ergebnisse Ihres Unternehmens über die Zeit, in Klammern die Veränderung zum vorigen Check
check-col-when = Check
check-recommendations = Empfehlungen für Ihr Unternehmen
check-no-recommendations = Derzeit gibt es im Katalog keine passenden Angebote.
check-book = Termine ansehen und anmelden
check-again = Check erneut machen
size-micro = Kleinstunternehmen
size-small = kleines Unternehmen
size-medium = mittleres Unternehmen
size-large = Großunternehmen
check-result-link = Dieses Ergebnis erreichen Sie jederzeit unter:
report-title = Digitalisierungs-Check – Ergebnisbericht
report-anonymous = Ergebnis ohne Unternehmenszuordnung
report-peer-median = Median der Vergleichsgruppe
report-footer = Erstellt mit lotse, Ergebnis vom { $date }
check-report = Bericht als PDF herunterladen

# Errors: refusals (whole sentences), invalid fields, problem documents, error pages
error-401-heading = Anmeldung erforderlich
error-401-text = Bitte melden Sie sich an, um diese Seite zu sehen.
error-403-heading = Keine Berechtigung
error-403-text = Ihre Rolle erlaubt diese Aktion nicht.
error-409-heading = Das geht gerade nicht
error-409-text = Die Anfrage passt nicht zum aktuellen Stand.
error-429-heading = Zu viele Versuche
error-429-text = Bitte warten Sie 15 Minuten und versuchen Sie es dann erneut.
invalid-ambiguous-time = diese Uhrzeit gibt es wegen der Zeitumstellung nicht eindeutig
invalid-answer-duplicate-option = Option „{ $option }“ doppelt angekreuzt
invalid-answer-missing = Antwort fehlt
invalid-answer-multi = erwartet eine Liste der angekreuzten Optionen oder „not_relevant“
invalid-answer-scale = erwartet eine ganze Zahl von 0 bis 5 oder „not_relevant“
invalid-answer-scale-range = { $value } liegt außerhalb der Skala 0 bis 5
invalid-answer-tri = erwartet „no“, „partial“, „yes“ oder „not_relevant“
invalid-answer-unknown-item = unbekannte Frage
invalid-answer-unknown-option = unbekannte Option „{ $option }“
invalid-body = ist kein gültiges JSON für diese Anfrage ({ $detail })
invalid-body-size = ist zu groß oder unvollständig
invalid-capacity = muss zwischen 1 und 10000 Plätzen liegen
invalid-control-characters = darf keine Steuerzeichen enthalten
invalid-county = ist kein bekannter Kreisschlüssel (siehe /api/v1/counties)
invalid-cursor = ist ungültig; verwenden Sie den Wert „next“ der vorigen Seite
invalid-cutoff-hours = muss zwischen 0 und 720 Stunden liegen
invalid-date = muss ein Datum im Format JJJJ-MM-TT sein
invalid-deadline-after-start = darf nicht nach dem Beginn liegen
invalid-duplicate-module = ein Modul ist doppelt aufgeführt
invalid-email = ist keine gültige E-Mail-Adresse
invalid-empty = darf nicht leer sein
invalid-ends-before-start = muss nach dem Beginn liegen
invalid-hours = muss zwischen 1 und 2000 Stunden liegen
invalid-https-address = muss eine Webadresse sein, die mit https:// (oder http://) beginnt
invalid-id = ist keine gültige ID
invalid-importance = erlaubt sind „low“, „normal“ oder „high“
invalid-invitation = Die Einladung ist ungültig, abgelaufen oder wurde schon angenommen.
invalid-learning-outcomes = 1 bis 12 Lernziele sind nötig
invalid-limit = muss eine ganze Zahl von 1 bis { $max } sein
invalid-link = Der Link ist ungültig, abgelaufen oder wurde schon benutzt.
invalid-local-date-time = muss Datum und Uhrzeit im Format JJJJ-MM-TTTHH:MM sein
invalid-minimum-hours = ist mit den Modulen nicht erreichbar (höchstens { $total } Stunden)
invalid-no-required-module = mindestens ein Pflichtmodul ist nötig
invalid-none-chosen = mindestens ein Eintrag ist nötig
invalid-not-a-module = nur Qualifizierungsmodule können Teil eines Qualifizierungspfads sein
invalid-unknown-module = kein Angebot im Katalog hat diese Kennung: { $id }
invalid-unknown-partner = kein Partner hat diese Kennung: { $id }
invalid-title-taken = eine andere Qualifizierung trägt diesen Titel schon
invalid-not-existing = gibt es nicht
invalid-participant-outside-company = { $person } gehört nicht zu einem Unternehmen, für das Sie anmelden dürfen
invalid-participants-count = 1 bis 50 Personen je Anmeldung
invalid-partner-or-place = Partner oder Ort gibt es nicht
invalid-password-guessable = ist zu leicht zu erraten; wählen Sie zum Beispiel einen Satz aus mehreren Wörtern
invalid-password-short = muss mindestens { $min } Zeichen lang sein
invalid-place-or-link = ein Ort oder ein Online-Link ist nötig
invalid-place-unknown = diesen Ort gibt es nicht
invalid-price = muss zwischen 0 und 10000000 Cent liegen
invalid-query = enthält ungültige Parameter ({ $detail })
invalid-questionnaire-version = Diese Antworten gehören zur Fragebogen-Version „{ $given }“; aktuell ist „{ $current }“. Bitte laden Sie den Fragebogen neu.
invalid-range-order = darf nicht vor dem Beginn des Zeitraums liegen
invalid-role-needs-company = ist für die Rolle { $role } nötig
invalid-role-not-grantable = die Rolle { $role } kann hier nicht vergeben werden
invalid-search-too-long = darf höchstens 200 Zeichen lang sein
invalid-sector = muss ein Abschnitt der WZ 2008 sein (Buchstabe A bis U)
invalid-session-too-long = ein Termin darf höchstens 31 Tage dauern
invalid-staff-count = muss eine Zahl von 0 bis 1000000 sein
invalid-ticket = Unbekannter oder stornierter Ticketcode
invalid-too-long = darf höchstens { $max } Zeichen lang sein
invalid-unknown-value = unbekannter Wert „{ $value }“; erlaubt: { $allowed }
invalid-wrong-password = ist nicht richtig
problem-detail-internal = Ein interner Fehler ist aufgetreten. Bitte versuchen Sie es später erneut.
problem-detail-sign-in-refused = E-Mail-Adresse oder Passwort sind nicht richtig.
problem-detail-too-many-attempts = Zu viele fehlgeschlagene Anmeldeversuche. Bitte warten Sie 15 Minuten und versuchen Sie es dann erneut.
problem-detail-unauthenticated = Bitte melden Sie sich an.
problem-title-conflict = Konflikt
problem-title-forbidden = Keine Berechtigung
problem-title-internal = Interner Fehler
problem-title-invalid = Ungültige Anfrage
problem-title-not-found = Nicht gefunden
problem-title-sign-in-refused = Anmeldung fehlgeschlagen
problem-title-too-many-attempts = Zu viele Versuche
problem-title-unauthenticated = Anmeldung erforderlich
refusal-already-registered = Mindestens eine Person ist für diesen Termin bereits angemeldet oder steht auf der Warteliste.
refusal-attendance-before-end = Die Anwesenheit kann erst nach dem Ende des Termins abgeschlossen werden.
invalid-too-many-registrations = Höchstens { $max } Anmeldungen auf einmal; bitte teilen Sie die Liste auf.
refusal-attendance-before-start = Die Anwesenheit kann erst eingetragen werden, wenn der Check-in geöffnet ist.
invalid-registration-not-on-session = Diese Anmeldungen gehören nicht zu diesem Termin oder haben dort keinen Platz: { $ids }
refusal-cancellation-cutoff = Eine Abmeldung ist nur bis { $hours } Stunden vor Beginn möglich. Bitte wenden Sie sich an das Kompetenzzentrum.
refusal-capacity-below-confirmed = Es sind bereits { $confirmed } Plätze bestätigt; weniger Plätze sind nicht möglich. Sagen Sie zuerst Anmeldungen ab.
refusal-company-last-admin = Das Unternehmen braucht mindestens eine Administratorin oder einen Administrator.
refusal-cross-site = Die Anfrage kam nicht von dieser Website und wurde zum Schutz Ihres Kontos abgelehnt.
refusal-email-taken = Unter dieser E-Mail-Adresse gibt es bereits ein Konto. Melden Sie sich an oder setzen Sie Ihr Passwort zurück.
refusal-email-taken-by-someone = Unter dieser E-Mail-Adresse gibt es bereits ein Konto.
refusal-email-unconfirmed = Bitte bestätigen Sie zuerst Ihre E-Mail-Adresse; den Link haben wir Ihnen geschickt.
refusal-invitation-other-address = Diese Einladung gilt für eine andere E-Mail-Adresse.
refusal-not-found-account = Das Konto wurde nicht gefunden.
refusal-not-found-calendar = Der Kalender wurde nicht gefunden.
refusal-not-found-company = Das Unternehmen wurde nicht gefunden.
refusal-not-found-offering = Das Angebot wurde nicht gefunden.
refusal-not-found-path = Der Pfad wurde nicht gefunden.
refusal-not-found-person = Die Person wurde nicht gefunden.
refusal-not-found-qualification = Der Qualifizierungspfad wurde nicht gefunden.
refusal-not-found-registration = Die Anmeldung wurde nicht gefunden.
refusal-not-found-result = Das Ergebnis wurde nicht gefunden.
refusal-not-found-session = Der Termin wurde nicht gefunden.
refusal-not-found-token = Der Token wurde nicht gefunden.
refusal-not-found-topic = Das Themenfeld wurde nicht gefunden.
refusal-registration-closed = Die Anmeldefrist für diesen Termin ist abgelaufen.
refusal-registration-not-active = Diese Anmeldung ist bereits storniert.
refusal-role = Ihre Rolle erlaubt diese Aktion nicht.
refusal-session-not-planned = Der Termin ist abgesagt; sein Zugang lässt sich nicht mehr ändern.
invalid-nothing-to-change = nennt nichts, was sich ändern soll (capacity, online_link oder dial_in)
refusal-session-already-cancelled = Der Termin ist bereits abgesagt.
refusal-session-cancelled = Dieser Termin ist abgesagt; eine Anmeldung ist nicht möglich.
refusal-session-started = Dieser Termin hat schon begonnen oder ist vorbei.
refusal-ticket-other-session = Dieses Ticket gehört zu einem anderen Termin.
invalid-dimension = unbekannte Dimension
invalid-language = muss „de“ oder „en“ sein
refusal-checkin-not-yet = Der Check-in für diesen Termin öffnet am { $date } um { $time } Uhr.
refusal-checkin-over = Dieser Termin ist vorbei; ein Check-in ist nicht mehr möglich.
refusal-metrics = Die Kennzahlen unter /metrics sind nur vom Rechner selbst oder mit dem eingerichteten Token abrufbar.

# Audit log as sentences
audit-nobody = Jemand ohne Anmeldung
audit-erased-person = eine gelöschte Person
audit-unknown-address = eine Adresse ohne Konto
audit-other = { $actor }: { $action } ({ $subject })
audit-account-registered = { $actor } hat sich registriert.
audit-account-erased = { $actor } hat das eigene Konto gelöscht.
audit-account-exported = { $actor } hat die eigenen Daten exportiert.
audit-email-confirmed = { $actor } hat die E-Mail-Adresse bestätigt.
audit-login-succeeded = { $actor } hat sich angemeldet.
audit-login-failed = Die Anmeldung als { $subject } ist fehlgeschlagen.
audit-login-throttled = Die Anmeldung als { $subject } wurde nach zu vielen Fehlversuchen pausiert.
audit-sessions-ended = { $actor } hat sich überall abgemeldet.
audit-password-changed = { $actor } hat das Passwort geändert.
audit-password-reset-requested = Für { $subject } wurde ein Link zum Zurücksetzen des Passworts angefordert.
audit-password-reset = { $actor } hat das Passwort zurückgesetzt.
audit-token-created = { $actor } hat einen API-Token erstellt.
audit-token-revoked = { $actor } hat einen API-Token widerrufen.
audit-person-created = { $actor } hat das Konto von { $subject } angelegt.
audit-company-changed = { $actor } hat das Unternehmensprofil von { $subject } geändert.
audit-company-invited = { $actor } hat jemanden zu { $subject } eingeladen.
audit-company-joined = { $actor } ist { $subject } beigetreten.
audit-company-member-removed = { $actor } hat eine Person aus { $subject } entfernt.
audit-catalogue-imported = { $actor } hat Angebote und Termine importiert.
audit-session-access-changed = { $actor } hat den Online-Zugang des Termins { $subject } geändert.
audit-offering-created = { $actor } hat das Angebot { $subject } angelegt.
audit-material-added = { $actor } hat das Material { $subject } hinzugefügt.
audit-material-removed = { $actor } hat das Material { $subject } entfernt.
audit-offering-changed = { $actor } hat das Angebot { $subject } geändert.
audit-offering-withdrawn = { $actor } hat das Angebot { $subject } zurückgezogen.
audit-session-created = { $actor } hat den Termin { $subject } angelegt.
audit-session-cancelled = { $actor } hat den Termin { $subject } abgesagt.
audit-session-capacity-changed = { $actor } hat die Plätze von { $subject } geändert.
audit-session-attendance-finalized = { $actor } hat die Anwesenheit von { $subject } abgeschlossen.
audit-registration-cancelled = { $actor } hat eine Anmeldung zu { $subject } storniert.
audit-registration-checked-in = { $actor } hat jemanden zu { $subject } eingecheckt.
audit-participants-downloaded = { $actor } hat die Teilnehmendenliste von { $subject } heruntergeladen.
admin-audit-person = Person (ID)
admin-audit-action = Aktion beginnt mit
admin-audit-from = von (Datum)
admin-audit-to = bis (Datum)
admin-audit-filter = Filtern
admin-audit-none = Keine Einträge für diesen Filter.
admin-col-entry = Eintrag

## Webhooks
webhooks-title = Webhooks – lotse
webhooks-heading = Webhooks
webhooks-lead = Lassen Sie Ihre Systeme (Kammer-Kalender, CRM, Teilnehmendenverwaltung) hören, was geschieht: Anmeldungen, Stornierungen, Nachrücker, Check-ins, abgesagte und geänderte Termine. Jede Zustellung ist nach der Standard-Webhooks-Spezifikation signiert und enthält nur Kennungen und den Status, keine Namen.
webhooks-none = Sie haben noch keinen Webhook eingerichtet.
webhooks-caption = Ihre Webhooks
webhooks-col-url = Empfänger
webhooks-col-events = Ereignisse
webhooks-col-state = Zustand
webhooks-col-actions = Aktionen
webhooks-all-partners = Alle Partner
webhooks-active = aktiv
webhooks-inactive = ausgeschaltet
webhooks-switched-off = nach wiederholten Fehlern ausgeschaltet am { $date }
webhooks-test = Testereignis senden
webhooks-switch-on = Einschalten
webhooks-switch-off = Ausschalten
webhooks-delete = Löschen
webhooks-new = Neuer Webhook
webhooks-new-lead = Zustellungen gehen per HTTP POST an die Adresse. Scheitert eine, versucht lotse es mit wachsenden Pausen noch einige Male über etwa anderthalb Tage; scheitern viele Versuche hintereinander, wird der Webhook ausgeschaltet und Sie erhalten eine E-Mail.
webhooks-url = Adresse des Empfängers
webhooks-url-hint = Zum Beispiel https://kalender.kammer.example/lotse. Adressen im internen Netz sind nur erlaubt, wenn der Betrieb sie freigegeben hat.
webhooks-events = Ereignisse
webhooks-create = Webhook einrichten
webhooks-created = Der Webhook ist eingerichtet. Mit diesem Geheimnis prüft Ihr System die Signatur jeder Zustellung. Es wird nur dieses eine Mal angezeigt.
webhooks-secret = Signaturgeheimnis
webhooks-secret-copy = Geheimnis kopieren
webhooks-secret-copied = Das Geheimnis ist kopiert.
webhooks-log-link = Zum Zustellprotokoll
webhooks-notice-geloescht = Der Webhook ist gelöscht.
webhooks-notice-test = Ein Testereignis ist unterwegs; sein Ergebnis steht gleich im Protokoll.
webhooks-notice-eingeschaltet = Der Webhook ist eingeschaltet; wartende Zustellungen gehen jetzt hinaus.
webhooks-notice-ausgeschaltet = Der Webhook ist ausgeschaltet.
webhooks-log-title = Zustellprotokoll – lotse
webhooks-log-heading = Zustellprotokoll
webhooks-log-caption = Die letzten 100 Zustellungen, neueste zuerst
webhooks-log-none = Noch keine Zustellungen.
webhooks-back = Zurück zu den Webhooks
webhooks-col-time = Zeit
webhooks-col-event = Ereignis
webhooks-col-outcome = Ergebnis
webhooks-col-attempts = Versuche
webhooks-col-answer = Antwort
webhooks-delivered = zugestellt
webhooks-given-up = aufgegeben
webhooks-pending = ausstehend, nächster Versuch { $when }
webhook-event-registration-created = Anmeldung eingegangen
webhook-event-registration-cancelled = Anmeldung storniert
webhook-event-registration-promoted = von der Warteliste nachgerückt
webhook-event-checkin-created = eingecheckt
webhook-event-session-cancelled = Termin abgesagt
webhook-event-session-changed = Termin geändert
webhook-error-status = Der Empfänger hat die Zustellung abgelehnt.
webhook-error-internal-address = Die Adresse führt ins interne Netz; das ist nicht freigegeben.
webhook-error-unresolved = Der Name des Empfängers ließ sich nicht auflösen.
webhook-error-timeout = Der Empfänger hat nicht rechtzeitig geantwortet.
webhook-error-connect = Keine Verbindung zum Empfänger.
webhook-error-network = Die Verbindung zum Empfänger ist gescheitert.
webhook-error-secret = Das Signaturgeheimnis ist unbrauchbar; bitte richten Sie den Webhook neu ein.
webhook-url-invalid = Bitte geben Sie eine Adresse an, die mit https:// oder http:// beginnt.
webhook-url-internal = Diese Adresse liegt im internen Netz (etwa localhost oder 192.168.…). Der Betrieb hat solche Empfänger nicht freigegeben.
webhook-events-invalid = Bitte wählen Sie mindestens ein Ereignis aus der Liste.
webhook-partner-required = Bitte wählen Sie, für welchen Partner der Webhook gilt.
refusal-not-found-webhook = Diesen Webhook gibt es nicht.
refusal-not-found-partner = Diesen Partner gibt es nicht.
editor-webhooks-link = Webhooks
mail-webhook-off-subject = Webhook ausgeschaltet: { $url }
mail-webhook-off-body = Ihr Webhook an { $url } ist ausgeschaltet, weil { $failures } Zustellversuche hintereinander gescheitert sind.

    Zustellungen, die noch warten, bleiben erhalten. Sobald der Empfänger wieder erreichbar ist, schalten Sie den Webhook auf der Webhook-Seite wieder ein; dort steht im Protokoll auch, woran die Versuche gescheitert sind.
mail-webhook-off-action = Zu Ihren Webhooks

## Bulk import (/redaktion/import)
editor-access = Online-Zugang ändern
editor-access-hint = Wer einen Platz hat, bekommt den neuen Zugang per Mail.
editor-access-save = Zugang speichern
editor-notice-zugang = Der Online-Zugang ist gespeichert; wer einen Platz hat, wurde informiert.
editor-import-link = Angebote importieren
import-title = Angebote importieren – lotse
import-heading = Angebote und Termine importieren
import-lead = Viele Angebote auf einmal aus einer Tabelle anlegen oder aktualisieren: eine Zeile je Termin, die Zeilen eines Angebots mit derselben externen ID. Eine externe ID, die es schon gibt, aktualisiert ihr Angebot; Termine werden nur hinzugefügt, nie geändert oder gelöscht.
import-upload = Datei hochladen
import-steps = Zuerst prüft ein Probelauf jede Zeile und zeigt, was angelegt oder aktualisiert würde. Gespeichert wird erst, wenn Sie danach bestätigen – dann alles auf einmal oder gar nichts.
import-file = Datei (CSV oder XLSX)
import-file-hint = Höchstens { $megabytes } MB und { $rows } Zeilen. CSV-Dateien dürfen Semikolon, Komma oder Tabulator trennen und in UTF-8 oder Windows-1252 kodiert sein.
import-dry-run = Probelauf starten
import-file-refused = Die Datei wurde nicht gelesen:
import-template = Vorlage
import-template-text = Die Vorlage enthält alle Spalten und ein Beispiel: ein Angebot mit zwei Terminen. In der XLSX-Vorlage wählen Sie Art, Format, Sprache und Niveau aus Listen; ein zweites Blatt erklärt die Spalten.
import-template-xlsx = Vorlage als Excel-Datei (XLSX)
import-template-csv = Vorlage als CSV-Datei
import-columns = Spalten
import-columns-text = Die Kopfzeile nennt die Spalten, in beliebiger Reihenfolge, mit dem Namen aus der Vorlage oder dem deutschen Namen. Spalten eines Termins bleiben leer, wenn die Zeile nur ein Angebot beschreibt.
import-columns-caption = Spalten der Importdatei
import-col-column = Spalte
import-col-german = Deutscher Name
import-col-required = Pflicht
import-col-meaning = Bedeutung
import-required = Pflicht
import-optional = optional
import-allowed = Erlaubt
import-sheet-rows = Angebote
import-sheet-help = Erläuterung
import-back = Zurück zur Redaktion
import-done = Import abgeschlossen: { $created ->
        [one] 1 Angebot angelegt
       *[other] { $created } Angebote angelegt
    }, { $updated } aktualisiert, { $sessions ->
        [one] 1 Termin angelegt
       *[other] { $sessions } Termine angelegt
    }.
import-report-title = Probelauf – lotse
import-report-heading = Probelauf des Imports
import-report-file = Datei „{ $file }“. Noch ist nichts gespeichert.
import-count-created = { $count ->
        [one] 1 Angebot wird angelegt
       *[other] { $count } Angebote werden angelegt
    }
import-count-updated = { $count ->
        [one] 1 Angebot wird aktualisiert
       *[other] { $count } Angebote werden aktualisiert
    }
import-count-sessions = { $count ->
        [one] 1 Termin wird angelegt
       *[other] { $count } Termine werden angelegt
    }
import-count-existing = { $count ->
        [one] 1 Termin gibt es schon (er bleibt, wie er ist)
       *[other] { $count } Termine gibt es schon (sie bleiben, wie sie sind)
    }
import-ready = Jede Zeile ist in Ordnung. Mit „Jetzt importieren“ wird alles in einem Schritt gespeichert.
import-confirm = Jetzt importieren
import-cancel = Abbrechen
import-rows-refused = { $count ->
        [one] 1 Zeile hat Fehler
       *[other] { $count } Zeilen haben Fehler
    }. Es wurde nichts gespeichert: Bitte korrigieren Sie die Datei und laden Sie sie erneut hoch.
import-errors-caption = Fehler nach Zeile und Spalte
import-again = Korrigierte Datei hochladen
import-all-rows = Alle Zeilen ({ $count })
import-rows-caption = Ergebnis jeder Zeile
import-col-row = Zeile
import-col-external-id = Externe ID
import-col-problem = Fehler
import-col-offering = Angebot
import-col-session = Termin
import-row-has-errors = fehlerhaft
import-offering-created = wird angelegt
import-offering-updated = wird aktualisiert
import-offering-as-in-row = wie in Zeile { $row }
import-session-created = wird angelegt
import-session-exists = gibt es schon
import-column-external-id = Die Kennung des Angebots in Ihren eigenen Unterlagen (bis 100 Zeichen). Zeilen mit derselben externen ID gehören zu einem Angebot; beim nächsten Import aktualisiert sie dieses Angebot.
import-column-partner = Name oder ID des Partners. Darf leer bleiben, wenn Sie Angebote nur eines Partners bearbeiten.
import-column-kind = Art des Angebots.
import-column-title = Titel, bis 120 Zeichen.
import-column-summary = Ein oder zwei Sätze für Listen, bis 400 Zeichen.
import-column-description = Die ausführliche Beschreibung; Absätze durch Leerzeilen getrennt.
import-column-learning-outcomes = Was Teilnehmende danach können: 1 bis 12 Lernziele, eines je Zeile in der Zelle oder durch „|“ getrennt.
import-column-topics = Themenfelder, durch Kommas getrennt.
import-column-audiences = Zielgruppen, durch Kommas getrennt.
import-column-duration-hours = Lernzeit in ganzen Stunden.
import-column-format = Präsenz, online oder beides.
import-column-price-eur = Preis in Euro, etwa 0, 49 oder 49,50; leer heißt kostenlos.
import-column-language = Sprache des Angebots; leer heißt Deutsch.
import-column-level = Niveau.
import-column-starts-at = Beginn des Termins, etwa 04.03.2027 09:00 oder 2027-03-04 09:00 (Ortszeit Berlin). Leer: die Zeile beschreibt nur das Angebot.
import-column-ends-at = Ende des Termins, im selben Format.
import-column-registration-deadline = Anmeldeschluss, im selben Format; leer heißt einen Tag vor Beginn.
import-column-place = Name oder ID des Ortes, für Termine vor Ort.
import-column-online-link = Link für Termine online (https://…).
import-column-dial-in = Einwahl per Telefon für Termine online, nur zusammen mit einem Link.
import-column-capacity = Zahl der Plätze.
import-column-cancellation-cutoff-hours = Bis wie viele Stunden vor Beginn Teilnehmende stornieren dürfen; leer heißt 24.
invalid-import-unreadable = Die Datei ist weder als CSV noch als Tabelle lesbar ({ $detail }).
invalid-import-empty = Die Datei ist leer oder hat keine Kopfzeile.
invalid-import-no-file = Bitte wählen Sie eine Datei aus.
invalid-import-rows = { $rows ->
        [one] 1 Zeile hat Fehler
       *[other] { $rows } Zeilen haben Fehler
    }; es wurde nichts gespeichert.
invalid-import-column-twice = Die Spalte „{ $column }“ kommt zweimal vor.
invalid-import-unknown-column = Unbekannte Spalte „{ $column }“; die Vorlage nennt alle Spalten.
invalid-import-missing-columns = Es fehlen Spalten: { $columns }.
invalid-import-too-many-rows = Höchstens { $max } Zeilen je Datei; bitte teilen Sie die Datei auf.
invalid-import-differs-from-row = Die Angaben zum Angebot weichen von Zeile { $row } mit derselben externen ID ab; lassen Sie sie leer oder schreiben Sie sie gleich.
invalid-import-withdrawn = Das Angebot mit dieser externen ID wurde zurückgezogen.
invalid-import-session-twice = Diesen Termin gibt es schon in Zeile { $row }.
invalid-import-formula = beginnt wie eine Formel (=, +, -, @); Formeln werden nicht übernommen
invalid-import-unknown-place = den Ort „{ $value }“ gibt es nicht (Name oder ID aus der Ortsliste)
invalid-import-unknown-partner = den Partner „{ $value }“ gibt es nicht
invalid-import-partner-not-yours = für diesen Partner dürfen Sie keine Angebote bearbeiten
invalid-import-partner-required = ist nötig, weil Sie Angebote mehrerer Partner bearbeiten
invalid-import-whole-number = „{ $value }“ ist keine ganze Zahl
invalid-import-price = „{ $value }“ ist kein Preis in Euro (etwa 49 oder 49,50)
invalid-import-price-ambiguous = „{ $value }“ ist mehrdeutig; schreiben Sie etwa 1200 oder 1200,00
invalid-import-date-time = „{ $value }“ ist kein Zeitpunkt (etwa 04.03.2027 09:00 oder 2027-03-04 09:00)
refusal-import-forbidden = Sie bearbeiten die Angebote keines Partners.
refusal-import-changed = Während des Imports hat sich der Katalog geändert (eine externe ID, ein Partner oder ein Ort). Es wurde nichts gespeichert; bitte starten Sie den Probelauf erneut.
problem-title-too-large = Zu groß
problem-detail-too-large = Die gesendeten Daten sind größer als die erlaubten { $size }.
error-413-heading = Datei zu groß
error-413-text = Die gesendeten Daten sind größer als erlaubt.
# Materials
materials-heading = Materialien
materials-editor-lead = Folien, Handouts, Tabellen und Links zum ganzen Angebot oder zu einem Termin. „Für Teilnehmende“ sehen nur Personen mit Platz (bestätigt oder teilgenommen), auch nach dem Termin; „Für alle“ steht auch auf der öffentlichen Seite.
materials-none = Noch keine Materialien.
materials-remove = Entfernen
materials-add = Material hinzufügen
materials-file = Datei
materials-file-hint = Erlaubt: { $types }; höchstens { $max_mb } MB. Oder statt einer Datei einen Link angeben.
materials-url = Link
materials-url-hint = Zum Beispiel ein geteilter Ordner oder eine Aufzeichnung (https://…).
materials-title = Titel (optional)
materials-title-hint = Ohne Titel zeigt lotse den Dateinamen oder den Link.
materials-audience = Für wen?
materials-audience-participants = Für Teilnehmende
materials-audience-everyone = Für alle
materials-belongs-to = Gehört zu
materials-whole-offering = dem ganzen Angebot
materials-upload = Hinzufügen
materials-link = Link
materials-form = Formular
registrations-materials = Materialien
editor-notice-material = Das Material ist gespeichert.
editor-notice-material-entfernt = Das Material ist entfernt, eine Datei auch vom Server.
invalid-audience = muss „everyone“ (für alle) oder „participants“ (für Teilnehmende) sein
invalid-file-name = darf keine Ordner, keine Steuerzeichen und keines der Zeichen < > " | ? * enthalten und nicht mit einem Punkt beginnen
invalid-file-type = hat eine Dateiart, die lotse nicht aufbewahrt; erlaubt sind { $allowed }
invalid-file-empty = ist leer
invalid-file-too-large = ist größer als { $max_mb } MB
invalid-file-too-large-request = ist größer als erlaubt
invalid-file-content = ist keine echte { $extension }-Datei: Inhalt oder angegebener Typ passen nicht zur Endung
invalid-file-or-link = braucht entweder eine Datei oder einen Link (nicht beides)
invalid-session-of-offering = ist kein Termin dieses Angebots
invalid-multipart = ist kein lesbares Formular ({ $detail })
refusal-not-found-material = Dieses Material gibt es nicht.
problem-title-unavailable = Vorübergehend nicht erreichbar
problem-detail-unavailable = Die Datenbank ist gerade nicht erreichbar (zum Beispiel bei einem Neustart). Bitte versuchen Sie es in einigen Sekunden erneut; es wurde nichts gespeichert.
error-503-heading = Gleich wieder da
error-503-text = lotse kann die Daten gerade nicht erreichen, etwa während eines Neustarts. Bitte versuchen Sie es in einigen Sekunden erneut; es wurde nichts gespeichert.
legal-example-label = Beispieltext.
legal-example-notice = Der Betreiber dieser Installation hat diese Seite noch nicht mit eigenem Text hinterlegt; bis dahin steht hier ein Muster, das nicht den gesetzlichen Anforderungen genügt.
legal-german-only = Diese Seite liegt nur auf Deutsch vor.

path-title = Mein Lernweg
path-lead = Ihre Qualifizierungen: was Sie abgeschlossen haben, was noch fehlt, und die nächsten Termine dafür. Ein Modul gilt als abgeschlossen, sobald Ihre Anwesenheit eingetragen ist.
path-none = Sie haben noch keine Qualifizierung begonnen. Sie beginnt mit der Anmeldung zu einem ihrer Module.
path-browse = Qualifizierungen ansehen
path-completed = Abgeschlossen
path-completed-on = am
path-hours = { $hours } von { $minimum } Stunden
path-missing = { $required ->
    [0] Alle Pflichtmodule sind abgeschlossen.
    [one] Es fehlt noch ein Pflichtmodul.
   *[other] Es fehlen noch { $required } Pflichtmodule.
} { $hours ->
    [0] {""}
    [one] Noch eine Stunde bis zum Ziel.
   *[other] Noch { $hours } Stunden bis zum Ziel.
}
path-hours-unit = Std.
path-required = Pflichtmodul
path-elective = Wahlmodul
path-module-done = Abgeschlossen
path-module-booked = Angemeldet
path-next-session = Nächster Termin:
path-book = Anmelden
path-no-session = Zurzeit kein Termin geplant.
account-path-link = Mein Lernweg
