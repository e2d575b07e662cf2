site-name = lotse
site-claim = Mittelstand 4.0 Competence Center Cottbus
skip-to-content = Skip to content
switch-language = Deutsch
nav-label = Main navigation
nav-catalogue = Courses & events
nav-qualifications = Qualifications
nav-check = Digital maturity check
nav-partners = Partners
nav-footer-label = Legal and technical
nav-imprint = Legal notice
nav-privacy = Privacy
nav-api = API
footer-text = A publicly funded competence center for small and medium-sized enterprises in Brandenburg.
breadcrumbs-label = Breadcrumb
topics-label = Topics

home-title = Home
home-heading = Digitalisation for SMEs – practical, free of charge, in your region
home-lead = We help small and medium-sized enterprises in Brandenburg find out where they stand digitally and give their employees targeted training: with modules, workshops, information events and demonstrators on Work 4.0 and Logistics 4.0.
home-entry-label = Getting started
home-entry-find = Find a course or event
home-entry-find-text = Workshops, modules and webinars by topic, location and date.
home-entry-check = Digital maturity check
home-entry-check-text = See where your company stands in 15 minutes – with tailored recommendations.
home-entry-qualify = Qualification paths
home-entry-qualify-text = Modules that together lead to a certificate.
home-stats = { $offerings } courses and events and { $qualifications } qualification paths in the catalogue
home-topics = Topics
home-soon = Coming up
home-all-offerings = View all courses and events

catalogue-title = Courses & events
catalogue-heading = Find courses and events
filters-label = Filter courses and events
filters-heading = Filters
filters-apply = Apply filters
filters-reset = Reset all filters
filter-q = Search term
filter-topic = Topic
filter-topic-any = All topics
filter-kind = Type
filter-kind-any = All types
filter-audience = Target group
filter-audience-any = All target groups
filter-partner = Partner
filter-partner-any = All partners
filter-place = Location
filter-place-any = All locations
filter-dates = Period
filter-from = From
filter-to = To
filter-error-prefix = Please check
results-count = { $n ->
    [one] 1 course or event found
   *[other] { $n } courses and events found
}
results-invalid = The filters contain invalid values
results-none = No courses or events match these filters. Reset some of the filters or choose a different period.
pager-label = Pages
pager-first = Go to first page
pager-next = More courses and events

hours = { $n ->
    [one] 1 hour
   *[other] { $n } hours
}
price-free = free of charge
next-session = Next date: { $date }
no-upcoming-session = No date currently scheduled
online = Online
and-online = and online
seats-free = { $free } of { $capacity } places available
seats-full = Fully booked – waiting list: { $waiting }
session-cancelled = Cancelled
deadline = Register by { $date }, { $time }
deadline-passed = Registration has closed
cancellation-until = You can cancel until { $date }, { $time }

offering-description = What it is about
offering-outcomes = What you will be able to do afterwards
offering-audiences = Who it is for
offering-facts = At a glance
offering-sessions = Dates
offering-no-sessions = No dates are currently scheduled for this course or event.
offering-qualifications = Part of these qualification paths
fact-kind = Type
fact-duration = Duration
fact-format = Format
fact-level = Level
fact-language = Language
fact-price = Price
fact-partner = Provider
module-required = Required module
module-elective = Elective module

qualifications-title = Qualification paths
qualifications-heading = Qualification paths
qualifications-lead = A qualification path combines required and elective modules. Anyone who attends the required modules and enough elective modules to reach the minimum number of hours receives a certificate.
qualification-facts = at least { $hours } hours · { $required } required modules · { $elective } elective modules
qualification-minimum = Minimum duration:
qualification-required-hours = of which required modules:
qualification-required = Required modules
qualification-elective = Elective modules
module-col-title = Module
module-col-hours = Duration
module-col-next = Next date

partners-title = Partners
partners-heading = Our partners
partners-lead = The competence center is run by a consortium of universities, research institutions and chambers, and works together with trade unions and employers' associations.
partner-offerings = Courses and events from this partner

topic-arbeit-4-0 = Work 4.0
topic-logistik-4-0 = Logistics 4.0
topic-strategie = Strategy & business models
topic-it-sicherheit = IT security
topic-daten-ki = Data & AI
topic-produktion-automatisierung = Production & automation
topic-nachhaltigkeit = Sustainability
audience-geschaeftsfuehrung = Management
audience-fach-fuehrungskraefte = Specialists and managers
audience-beschaeftigte = Employees
audience-betriebsraete = Works and staff councils
audience-auszubildende = Apprentices
audience-multiplikatoren = Multipliers
kind-module = Qualification module
kind-workshop = Workshop
kind-info_event = Information event
kind-webinar = Webinar
kind-consultation = Initial consultation
kind-demonstrator = Demonstrator visit
format-presence = In person
format-online = Online
format-blended = In person and online
level-basic = Beginners
level-intermediate = Intermediate
level-advanced = Experts
language-de = German
language-en = English
partner-kind-consortium_member = Consortium
partner-kind-associated_partner = Associated partners
partner-kind-chamber = Chambers
partner-kind-association = Associations

error-404-heading = Page not found
error-404-text = This page does not exist (any more). The course or event may have been removed, or the link may be incomplete.
error-400-heading = Invalid request
error-400-text = The request contains information that we cannot process.
error-500-heading = Something went wrong
error-500-text = An error occurred on our side. Please try again in a few minutes.
error-home = Go to the home page
error-status = Status code

imprint-heading = Legal notice
imprint-p1 = Information pursuant to § 5 DDG: the operator of this installation enters the name, address, authorised representatives and contact details of the competence center here.
imprint-p2 = Responsible for the content pursuant to § 18 Abs. 2 MStV: name and address of the responsible person.
imprint-p3 = The competence center is publicly funded. Details of the funding body and grant reference number will follow here.
privacy-heading = Privacy
privacy-p1 = Protecting your data matters to us. The operator adds the full privacy notice pursuant to Art. 13 GDPR here.
privacy-p2 = These pages do not load any content from third-party servers: no fonts, no scripts, no analytics tools.
privacy-p3 = A cookie stores only your chosen language. We set further cookies only once you log in.
privacy-p4 = You have the right of access, rectification, erasure, restriction of processing, data portability and to lodge a complaint with a supervisory authority.

api-title = API
api-heading = The lotse API
api-lead = The JSON API provides the catalogue for your own applications. Errors are returned as application/problem+json (RFC 9457). Machine-readable description:
api-parameters = Parameters
api-responses = Responses
api-col-name = Name
api-col-in = In
api-col-description = Description
api-col-status = Status

mail-greeting = { $name ->
    [none] Hello,
   *[other] Hello { $name },
}
mail-footer = Mittelstand competence center – this message was sent automatically by lotse.
mail-confirm-subject = Please confirm your e-mail address
mail-confirm-body = thank you for registering. Please confirm your e-mail address; you can book sessions once it is confirmed.

    The link is valid for seven days. If you did not register, simply ignore this message.
mail-confirm-action = Confirm e-mail address
mail-reset-subject = New password for your account
mail-reset-body = You asked for a new password. Use the link below to set it. The link is valid for one hour and only once.

    If you did not ask for a new password, ignore this message; your password stays as it is.
mail-reset-action = Set a new password
mail-reset-unknown-subject = Request to reset a password
mail-reset-unknown-body = someone asked for a new password for this e-mail address. There is no account with this address, though.

    If that was you, you may have registered with another address. Otherwise, ignore this message.
mail-reset-unknown-action = Create an account
mail-invite-subject = Invitation from { $organization }
mail-invite-body = { $organization } invites you to join the company at the competence center. The company can then register you for courses and events.
mail-invite-action = Accept the invitation

nav-account = My account
center-name = Competence center
form-has-errors = Please correct the marked entries.
link-invalid = The link is invalid, has expired or was used already. Please ask for a new one.
field-choose = Please choose
field-name = Name
field-email = E-mail address
field-password = Password
field-password-hint = At least 12 characters. A sentence of several words is easy to remember and hard to guess.
field-current_password = Current password
field-new_password = New password
field-delete_password = Password to confirm
field-company-name = Company (optional)
field-company-hint = If you name a company, you become its administrator and can register employees.
field-company-sector = Economic sector (WZ 2008)
field-company-staff_count = Number of employees
field-company-county = County or independent city
login-heading = Sign in
login-submit = Sign in
login-to-register = No account yet? Register now
login-forgot = Forgot your password?
login-refused = E-mail address or password are not correct.
login-throttled = Too many failed sign-in attempts. Please wait 15 minutes and try again.
login-notice = Your new password is saved. Please sign in.
register-heading = Register
register-submit = Create account
register-lead = With an account you book sessions, see your registrations and receive your certificates.
register-consent = I have read the privacy notice and agree to the processing of my data.
register-consent-missing = Please confirm that you have read the privacy notice.
register-to-login = Already registered? Sign in
forgot-heading = Forgot your password
forgot-lead = Enter the e-mail address of your account. We will send you a link to set a new password.
forgot-submit = Send link
forgot-sent-heading = An e-mail is on its way
forgot-sent-p1 = If there is an account with this address, you will receive an e-mail with a link within a few minutes. The link is valid for one hour.
new-password-heading = Set a new password
new-password-submit = Save password
confirm-ok-heading = E-mail address confirmed
confirm-ok-p1 = Thank you. Your e-mail address is confirmed; you can now book sessions.
confirm-failed-heading = Invalid link
confirm-failed-p1 = The link is invalid, has expired or was used already. You can ask for a new one on the "My account" page.
account-title = My account
account-heading = My account
account-profile = Profile
account-confirmed = confirmed
account-unconfirmed = not confirmed yet
account-resend = Send the confirmation link again
account-roles = Roles
account-no-roles = You do not belong to a company or organization yet.
account-language = Language for e-mails and pages
account-save = Save
account-password = Change password
account-password-change = Change password
account-tokens = API tokens
account-tokens-lead = With a personal token, scripts and other programs use the API on your behalf.
account-created = Created
account-actions = Actions
account-revoke = Revoke
account-token-name = Name of the new token
account-token-create = Create token
account-token-created = Your new token. Copy it now – it is shown only this once:
account-token-name-missing = Please give the token a name (at most 80 characters).
account-sessions = Signed-in devices
account-this-session = this device
account-sign-out-everywhere = Sign out everywhere
account-sign-out = Sign out
account-data = My data
account-data-lead = You can download all data we store about you as a file (Art. 15 and 20 GDPR).
account-export = Download my data (JSON)
account-delete = Delete account
account-delete-lead = Your personal data will be deleted irreversibly. Anonymous figures for the center's statistics remain.
account-delete-hint = For your safety, enter your password.
account-delete-button = Delete account for good
account-delete-wrong = The password is not correct.
account-deleted-heading = Account deleted
account-deleted-p1 = Your account and your personal data are deleted. Thank you for using our services.
account-notice-registriert = Welcome! We have sent you an e-mail with a confirmation link.
account-notice-sprache = The language is saved.
account-notice-passwort = Your password is changed. Other devices are signed out.
account-notice-token-widerrufen = The token is revoked.
account-notice-bestaetigung-gesendet = We have sent you a new confirmation link.
role-learner = Employee
role-company_admin = Company administration
role-partner_editor = Partner editor
role-social_partner = Social partner
role-staff = Competence center coordination
role-admin = Administration
sector-A = Agriculture, forestry and fishing
sector-B = Mining and quarrying
sector-C = Manufacturing
sector-D = Energy supply
sector-E = Water supply, sewerage and waste management
sector-F = Construction
sector-G = Wholesale and retail trade, repair of motor vehicles
sector-H = Transportation and storage
sector-I = Accommodation and food service
sector-J = Information and communication
sector-K = Financial and insurance activities
sector-L = Real estate activities
sector-M = Professional, scientific and technical activities
sector-N = Administrative and support service activities
sector-O = Public administration, defence, social security
sector-P = Education
sector-Q = Human health and social work
sector-R = Arts, entertainment and recreation
sector-S = Other service activities
sector-T = Private households
sector-U = Extraterritorial organisations
account-notice-eingeladen = You have joined the company.
invitation-other-heading = Invitation for another address
invitation-other-p1 = This invitation is for another e-mail address. Sign in with the address the invitation was sent to, or ask for a new invitation.
invitation-invalid-heading = Invalid invitation
invitation-invalid-p1 = The invitation is invalid, has expired or was accepted already. Ask your company for a new invitation.
account-company = Company
account-members = Employees
account-remove = Remove
account-invite-email = E-mail address of a colleague
account-invite = Invite
account-invite-invalid = Please enter a valid e-mail address.
account-leave = Leave the company
account-notice-eingeladen-versandt = The invitation is sent; the link is valid for 14 days.
account-notice-entfernt = The person no longer belongs to the company.
account-notice-verlassen = You no longer belong to this company.
editor-title = Editing
editor-heading = Editing
editor-lead = Here you keep the offerings and sessions you are responsible for up to date.
editor-new = New offering
editor-offerings = Offerings
editor-col-title = Title
editor-summary = Summary
editor-description = Description
editor-description-hint = Separate paragraphs with a blank line.
editor-outcomes = Learning outcomes
editor-outcomes-hint = One outcome per line, for example "You can …".
editor-topics = Topics
editor-audiences = Audiences
editor-save = Save offering
editor-new-session = New session
editor-add-session = Add session
editor-cancel-session = Cancel
editor-online-only = online only
editor-notice-angelegt = The offering is created. Now add sessions.
editor-notice-gespeichert = The changes are saved.
editor-notice-termin = The session is added.
editor-notice-abgesagt = The session is cancelled.
account-editor-link = To editing: keep offerings and sessions up to date
field-title = Title
field-kind = Kind
field-partner_id = Provider
field-duration_hours = Duration in hours
field-format = Format
field-level = Level
field-language = Language
field-price = Price in euros
field-price-hint = 0 for free offerings, otherwise for example 49.00.
field-starts_at = Start
field-ends_at = End
field-registration_deadline = Registration deadline (optional)
field-registration_deadline-hint = If empty: one day before the start.
field-place_id = Place
field-online_link = Online link (optional)
field-capacity = Seats
admin-title = Administration
admin-heading = Administration
admin-people = Create an account for someone
admin-people-lead = For people who signed up by phone or on paper. The account counts as confirmed; the person sets a password through "Forgot your password".
admin-people-create = Create account
admin-audit = Audit log
admin-col-when = When
admin-col-action = Action
admin-col-actor = Who
admin-col-subject = Subject
admin-col-ip = Address
admin-company-hint = Optional: the id of the company the person works for.
admin-company-invalid = is not a valid company id
admin-notice-created = The account is created.
account-admin-link = To administration: create accounts and read the audit log
field-company_id = Company id
editor-withdraw = Withdraw offering
editor-withdraw-lead = Withdrawn offerings leave the catalogue; all planned sessions are cancelled.
editor-notice-zurueckgezogen = The offering is withdrawn; its sessions are cancelled.
mail-booking-confirmed-subject = Registration confirmed: { $offering }
mail-booking-confirmed-body = Your registration is confirmed. We look forward to seeing you.

    { $offering }
    { $when }

    Your ticket is under "My registrations". Up to 24 hours before the start you can also cancel there.
mail-booking-confirmed-action = My registrations
mail-booking-waitlisted-subject = Waitlist: { $offering }
mail-booking-waitlisted-body = The session is fully booked. You are number { $position } on the waitlist.

    { $offering }
    { $when }

    If a seat frees up, you move up automatically and receive an e-mail.
mail-booking-waitlisted-action = My registrations
mail-booking-promoted-subject = A seat has freed up: { $offering }
mail-booking-promoted-body = Good news: a seat has freed up, and it is now yours. Your registration is confirmed.

    { $offering }
    { $when }
mail-booking-promoted-action = See your ticket
mail-booking-cancelled-subject = Cancellation confirmed: { $offering }
mail-booking-cancelled-body = Your registration is cancelled.

    { $offering }
    { $when }
mail-booking-cancelled-action = My registrations
booking-refused-heading = Registration not possible
booking-back = Back
book-session = Register
book-waitlist = Join the waitlist
registrations-title = My registrations
registrations-heading = My registrations
registrations-none = You are not registered for any session yet.
registrations-ticket = Ticket:
registrations-cancel = Cancel
registrations-notice-bestaetigt = Your registration is confirmed. An e-mail is on its way.
registrations-notice-warteliste = The session is fully booked; you are on the waitlist and move up automatically.
registrations-notice-storniert = Your registration is cancelled.
registration-confirmed = Confirmed
registration-waitlisted = Waitlist, number { $position }
registration-attended = Attended
registration-no-show = Did not attend
registration-cancelled = Cancelled
account-registrations-link = My registrations and tickets
mail-session-cancelled-subject = Session cancelled: { $offering }
mail-session-cancelled-body = Unfortunately we have to cancel this session. Your registration lapses; there are no costs for you.

    { $offering }
    { $when }

    The catalogue lists further sessions of this offering.
mail-session-cancelled-action = My registrations
checkin-title = Participants and check-in
checkin-attended = present
checkin-expected = confirmed
checkin-waiting = on the waitlist
checkin-ticket = Ticket code
checkin-submit = Check in
checkin-search = Search a name
checkin-search-submit = Search
checkin-csv = Download the list as CSV
checkin-xlsx = Download the list as an Excel file (XLSX)
checkin-camera-start = Start camera scanner
checkin-camera-stop = Stop camera scanner
checkin-camera-denied = The camera is not available or access was not granted. Please type the ticket code.
checkin-camera-view = Camera view for scanning the QR code
export-name = Name
export-email = Email
export-company = Company
export-status = Status
export-waitlist = Waitlist position
export-booked-at = Registered on
export-ticket = Ticket code
checkin-list = Participants
checkin-status = Status
checkin-mark = Present
checkin-ok = { $name } is checked in.
checkin-again = { $name } was checked in already.
checkin-other-session = This ticket belongs to another session.
checkin-unknown = Unknown or cancelled ticket code. Please check the entry.
checkin-no-registrations = No registrations yet
editor-checkin = Participants & check-in
registrations-qr = QR code of the ticket, to be scanned at check-in
mail-reminder-subject = Reminder: { $offering }
mail-reminder-body = in two days it is time – we look forward to seeing you.

    { $offering }
    { $when }

    If you cannot come, please cancel so that someone from the waitlist can move up.
mail-reminder-action = My registrations
company-book-title = Register employees
company-book-who = Whom do you want to register?
company-book-submit = Register the selected
company-book-nobody = Please choose at least one person.
company-book-link = Register employees
company-registrations-title = Our registrations
company-registrations-none = There are no registrations for your company yet.
field-cancellation_cutoff_hours = Cancellation until (hours before the start, optional)
field-cancellation_cutoff_hours-hint = If empty: 24 hours. After that only center staff can cancel.

# Digitalisierungs-Check
check-scale-0 = not used
check-scale-1 = considering
check-scale-2 = prototyping
check-scale-3 = testing
check-scale-4 = implementing
check-scale-5 = operational
check-reason = Your score in “{ $dimension }” is { $score } out of 100; the target is { $target }. This offering belongs to the topic { $topic }.
check-reason-important = You marked this area as especially important.
check-title = Digital check
check-intro = Where does your company stand in digitalisation? The check asks about six areas and then shows your scores, a comparison with similar companies and matching offerings of the competence center.
check-fact-items = { $count } questions, one area per step
check-fact-time = about 10 to 15 minutes; your answers are saved at every step
check-fact-not-relevant = Whatever does not matter for your company you mark as “does not apply to us” – it then does not count as a gap.
check-areas = The six areas
check-for-company = You are signed in: the result is saved for { $company }, so you can see your progress over time.
check-anonymous = You can take the check without an account. You then reach your result through a link only you know.
check-begin = Start the check
check-resume = Continue your check
check-progress = Step { $step } of { $steps }
check-errors = Please answer the marked questions. Whatever does not apply to you, you can mark as “does not apply to us”.
check-missing = Please choose an answer.
check-not-relevant = does not apply to us
check-tri-no = No
check-tri-partial = Partly
check-tri-yes = Yes
check-hint-scale = How far do you use this technology?
check-hint-multi = Tick everything that applies. Ticking nothing is an answer too.
check-importance = How important is “{ $dimension }” for your company in the next two years?
check-importance-low = less important
check-importance-normal = important
check-importance-high = especially important
check-next = Next
check-back = Back
check-evaluate = Evaluate
check-saved = Your answers are saved. Continue later with this link:
check-result-title = Your digital check result
check-version = Questionnaire
check-overall = Overall score
check-of-100 = out of 100
check-band-basic = Basic
check-band-average = Average
check-band-moderately_advanced = Moderately advanced
check-band-advanced = Advanced
check-band-basic-text = Your company is at the start (0 to 25 points). A few targeted steps go a long way here.
check-band-average-text = The basics are in place (26 to 50 points). Now it pays to set priorities.
check-band-moderately_advanced-text = Your company is well on its way (51 to 75 points). The recommendations show where gaps remain.
check-band-advanced-text = Your company is among the leaders (76 to 100 points). Deepen single areas on purpose.
check-band-none = Without relevant answers no overall score can be computed.
check-dimensions = Your scores in the six areas
check-chart-title = Radar chart of the six areas
check-chart-desc = Each axis is one area from 0 (centre) to 100 (edge). The figures are also in the table below.
check-table-caption = Scores per area (0 to 100)
check-col-dimension = Area
check-col-score = Your score
check-col-peers = Peer group: median (middle half)
check-col-meaning = What the score describes
check-peers = Comparison with similar companies
check-peers-company-only = A comparison is available for company results: when you are signed in and belong to a company, we compare with companies of the same size and sector.
check-peers-too-few = A comparison needs at least five other companies of the same size and sector with a result; so far there are { $count }. This way no single result can be recognised.
check-peers-shown = Compared with { $count } companies of the same size class ({ $size }) and economic section ({ $sector }), each with its latest result.
check-peers-legend = In the table: the peer group’s median, in brackets the lower and upper quartile. The chart shows the median as a dashed line.
check-history = Your progress
check-history-caption = Your company’s results over time, in brackets the change since the previous check
check-col-when = Check
check-recommendations = Recommendations for your company
check-no-recommendations = There are no matching offerings in the catalogue right now.
check-book = See dates and register
check-again = Take the check again
size-micro = micro enterprise
size-small = small enterprise
size-medium = medium-sized enterprise
size-large = large enterprise
check-result-link = You can always reach this result at:
