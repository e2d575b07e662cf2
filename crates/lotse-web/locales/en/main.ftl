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
results-by-relevance = Best matches for your search first.
refine-label = Narrow down the results
session-calendar-link = Add to calendar (iCal)
topic-feed-link = Subscribe to the dates in { $topic } as a calendar (iCal)
beside-qualifications = Qualifications matching your search
beside-partners = Partners matching your search
suggestions-label = Suggestions
challenge-heading = Describe your challenge
challenge-title = Your challenge
challenge-label = What is your company dealing with right now?
challenge-hint = In your own words, for example: "Our warehouse is chaotic" or "We want to write quotes faster". At most 500 characters.
challenge-submit = Find matching offers
challenge-results = Matching offers
challenge-dimension = Your concern mainly touches this area of the Digitalisierungs-Check:
challenge-to-check = Find out where your company stands with the Digitalisierungs-Check
challenge-none = We found no offer matching your description. Try other words, or look at all offers:
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
mail-footer = { $center } – this message was sent automatically.
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
field-online_link-hint = The join link (BigBlueButton, Jitsi, Teams, Zoom …). Only participants with a seat see it.
field-dial_in = Dial-in by phone (optional)
field-dial_in-hint = Number and conference id, only together with an online link.
invalid-dial-in-without-link = a dial-in needs an online link
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
registrations-join = Join online
registrations-dial-in = By phone:
registrations-ticket = Ticket:
registrations-cancel = Cancel
registrations-notice-bestaetigt = Your registration is confirmed. An e-mail is on its way.
registrations-notice-warteliste = The session is fully booked; you are on the waitlist and move up automatically.
registrations-notice-storniert = Your registration is cancelled.
feed-heading = Calendar subscription
feed-lead = Subscribe to your sessions in your calendar (Outlook, Google, Apple, Thunderbird). The address is secret: anyone who knows it sees your sessions.
feed-create = Set up a calendar subscription
feed-renew = Make a new address (the old one stops working)
feed-revoke = End the calendar subscription
feed-created = Your calendar subscription is set up. Add this address to your calendar as a subscription. It is shown only this once.
feed-address = Address of the calendar subscription
feed-copy = Copy the address
feed-copied = The address is copied.
feed-active = Your calendar subscription has existed since { $date }. Its address was shown once when it was set up; if you no longer have it, make a new one.
registrations-notice-kalender-beendet = Your calendar subscription has ended; its address no longer works.
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
checkin-withdraw = Take back attendance
checkin-withdrawn = { $name }'s attendance was taken back.
checkin-mark-late = Record as present
checkin-marked = { $name } is recorded as present.
checkin-again = { $name } was checked in already.
checkin-other-session = This ticket belongs to another session.
checkin-unknown = Unknown or cancelled ticket code. Please check the entry.
checkin-no-registrations = No registrations yet
checkin-no-match = Nobody registered under that name
editor-checkin = Participants & check-in
registrations-qr = QR code of the ticket, to be scanned at check-in
mail-join = How to join online: { $link }
mail-dial-in = By phone: { $dial_in }
mail-join-changed-subject = New access: { $offering }
mail-join-changed-body = the way to join your online session has changed. Please use the details in this mail from now on; the attached calendar file replaces the old one.

    { $offering }
    { $when }
mail-join-changed-action = My registrations
mail-starts-soon-subject = Starting soon: { $offering }
mail-starts-soon-body = your online session starts shortly.

    { $offering }
    { $when }
mail-starts-soon-action = My registrations
mail-dates-confirm-subject = Please confirm: dates for { $offering }
mail-dates-confirm-body = You would like to hear when “{ $offering }” has new dates. Please confirm your address with the link below.

    If this was not you, simply ignore this mail; without confirmation we will not write again.
mail-dates-confirm-action = Confirm address
mail-new-dates-subject = New dates: { $offering }
mail-new-dates-body = “{ $offering }” has new dates. You can register now.
mail-new-dates-action = To the offering
mail-new-dates-unsubscribe = No more news about this offering? Unsubscribe with one click: { $link }
dates-heading = Hear of new dates
dates-text = No seat is free at the moment. We write to you once as soon as there are new dates.
dates-button = Notify me
dates-email = Your e-mail address
dates-notice-benachrichtigung = You will be told as soon as there are new dates.
dates-notice-bestaetigen = Please confirm your address with the link in the mail we sent you.
dates-confirm-heading = Confirm address
dates-confirm-text = Confirm that we may write to you when “{ $offering }” has new dates.
dates-confirm-button = Confirm
dates-unsubscribe-heading = Unsubscribe
dates-unsubscribe-text = You are told when “{ $offering }” has new dates. Would you like to stop?
dates-unsubscribe-button = Unsubscribe
dates-confirmed-heading = Confirmed
dates-confirmed-p1 = Thank you. We will write to you as soon as there are new dates.
dates-unsubscribed-heading = Unsubscribed
dates-unsubscribed-p1 = You will get no more news about this offering.
dates-link-unknown-heading = Link not valid
dates-link-unknown-p1 = This link no longer works: it was used already or replaced by the link of a newer mail.
editor-waiting-for-dates = { $count ->
        [0] Nobody is waiting for a new date.
        [one] 1 person is waiting for a new date.
       *[other] { $count } people are waiting for a new date.
    }
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
report-title = Digital check – result report
report-anonymous = Result not attached to a company
report-peer-median = peer group median
report-footer = Made with lotse, result of { $date }
check-report = Download the report as PDF

# Errors: refusals (whole sentences), invalid fields, problem documents, error pages
error-401-heading = Sign-in required
error-401-text = Please sign in to see this page.
error-403-heading = Not allowed
error-403-text = Your role does not allow this action.
error-409-heading = That is not possible right now
error-409-text = The request does not fit the current state.
error-429-heading = Too many attempts
error-429-text = Please wait 15 minutes and try again.
invalid-ambiguous-time = this time is not unique because of the clock change
invalid-answer-duplicate-option = option “{ $option }” ticked twice
invalid-answer-missing = answer missing
invalid-answer-multi = expects a list of the ticked options or “not_relevant”
invalid-answer-scale = expects a whole number from 0 to 5 or “not_relevant”
invalid-answer-scale-range = { $value } is outside the scale 0 to 5
invalid-answer-tri = expects “no”, “partial”, “yes” or “not_relevant”
invalid-answer-unknown-item = unknown question
invalid-answer-unknown-option = unknown option “{ $option }”
invalid-body = is not valid JSON for this request ({ $detail })
invalid-body-size = is too large or incomplete
invalid-capacity = must be between 1 and 10000 seats
invalid-control-characters = must not contain control characters
invalid-county = is not a known county key (see /api/v1/counties)
invalid-cursor = is invalid; use the value “next” of the previous page
invalid-cutoff-hours = must be between 0 and 720 hours
invalid-date = must be a date in the form YYYY-MM-DD
invalid-deadline-after-start = must not be after the start
invalid-duplicate-module = a module is listed twice
invalid-email = is not a valid e-mail address
invalid-empty = must not be empty
invalid-ends-before-start = must be after the start
invalid-hours = must be between 1 and 2000 hours
invalid-https-address = must be a web address starting with https:// (or http://)
invalid-id = is not a valid id
invalid-importance = allowed are “low”, “normal” or “high”
invalid-invitation = The invitation is invalid, has expired or was accepted already.
invalid-learning-outcomes = 1 to 12 learning outcomes are needed
invalid-limit = must be a whole number from 1 to { $max }
invalid-link = The link is invalid, has expired or was used already.
invalid-local-date-time = must be a date and time in the form YYYY-MM-DDTHH:MM
invalid-minimum-hours = cannot be reached with the modules (at most { $total } hours)
invalid-no-required-module = at least one required module is needed
invalid-none-chosen = at least one entry is needed
invalid-not-a-module = only qualification modules can be part of a qualification
invalid-unknown-module = no offering in the catalogue has this id: { $id }
invalid-unknown-partner = no partner has this id: { $id }
invalid-title-taken = another qualification already has this title
invalid-not-existing = does not exist
invalid-participant-outside-company = { $person } does not belong to a company you may register people for
invalid-participants-count = 1 to 50 people per registration
invalid-partner-or-place = partner or place does not exist
invalid-password-guessable = is too easy to guess; choose, for example, a sentence of several words
invalid-password-short = must be at least { $min } characters long
invalid-place-or-link = a place or an online link is needed
invalid-place-unknown = this place does not exist
invalid-price = must be between 0 and 10000000 cents
invalid-query = contains invalid parameters ({ $detail })
invalid-questionnaire-version = These answers belong to questionnaire version “{ $given }”; the current one is “{ $current }”. Please load the questionnaire again.
invalid-range-order = must not be before the start of the range
invalid-role-needs-company = is needed for the role { $role }
invalid-role-not-grantable = the role { $role } cannot be granted here
invalid-search-too-long = must be at most 200 characters long
invalid-sector = must be a section of WZ 2008 (letter A to U)
invalid-session-too-long = a session may last at most 31 days
invalid-staff-count = must be a number from 0 to 1000000
invalid-ticket = Unknown or cancelled ticket code
invalid-too-long = must be at most { $max } characters long
invalid-unknown-value = unknown value “{ $value }”; allowed: { $allowed }
invalid-wrong-password = is not correct
problem-detail-internal = An internal error occurred. Please try again later.
problem-detail-sign-in-refused = E-mail address or password are not correct.
problem-detail-too-many-attempts = Too many failed sign-in attempts. Please wait 15 minutes and try again.
problem-detail-unauthenticated = Please sign in.
problem-title-conflict = Conflict
problem-title-forbidden = Not allowed
problem-title-internal = Internal error
problem-title-invalid = Invalid request
problem-title-not-found = Not found
problem-title-sign-in-refused = Sign-in failed
problem-title-too-many-attempts = Too many attempts
problem-title-unauthenticated = Sign-in required
refusal-already-registered = At least one person is registered for this session already or on its waitlist.
refusal-attendance-before-end = Attendance can only be finalized after the session has ended.
invalid-too-many-registrations = At most { $max } registrations at once; please split the list.
refusal-attendance-before-start = Attendance can only be recorded once check-in has opened.
invalid-registration-not-on-session = These registrations do not belong to this session or hold no seat on it: { $ids }
refusal-cancellation-cutoff = Cancelling is only possible until { $hours } hours before the start. Please contact the competence center.
refusal-capacity-below-confirmed = { $confirmed } seats are confirmed already; fewer seats are not possible. Cancel registrations first.
refusal-company-last-admin = The company needs at least one administrator.
refusal-cross-site = The request did not come from this website and was refused to protect your account.
refusal-email-taken = There already is an account with this e-mail address. Sign in or reset your password.
refusal-email-taken-by-someone = There already is an account with this e-mail address.
refusal-email-unconfirmed = Please confirm your e-mail address first; we have sent you the link.
refusal-invitation-other-address = This invitation is for another e-mail address.
refusal-not-found-account = The account was not found.
refusal-not-found-calendar = The calendar was not found.
refusal-not-found-company = The company was not found.
refusal-not-found-offering = The offering was not found.
refusal-not-found-path = The path was not found.
refusal-not-found-person = The person was not found.
refusal-not-found-qualification = The qualification was not found.
refusal-not-found-registration = The registration was not found.
refusal-not-found-result = The result was not found.
refusal-not-found-session = The session was not found.
refusal-not-found-token = The token was not found.
refusal-not-found-topic = The topic was not found.
refusal-registration-closed = Registration for this session has closed.
refusal-registration-not-active = This registration is cancelled already.
refusal-role = Your role does not allow this action.
refusal-session-not-planned = The session is cancelled; its access can no longer be changed.
invalid-nothing-to-change = names nothing to change (capacity, online_link or dial_in)
refusal-session-already-cancelled = The session was called off already.
refusal-session-cancelled = This session was called off; registration is not possible.
refusal-session-started = This session has started or is over.
refusal-ticket-other-session = This ticket belongs to another session.
invalid-dimension = unknown dimension
invalid-language = must be “de” or “en”
refusal-checkin-not-yet = Check-in for this session opens on { $date } at { $time }.
refusal-checkin-over = This session is over; check-in is no longer possible.
refusal-metrics = The metrics at /metrics are readable only from the machine itself or with the configured token.

# Audit log as sentences
audit-nobody = Someone not signed in
audit-erased-person = an erased person
audit-unknown-address = an address without an account
audit-other = { $actor }: { $action } ({ $subject })
audit-account-registered = { $actor } registered.
audit-account-erased = { $actor } erased their account.
audit-account-exported = { $actor } exported their data.
audit-email-confirmed = { $actor } confirmed their e-mail address.
audit-login-succeeded = { $actor } signed in.
audit-login-failed = Signing in as { $subject } failed.
audit-login-throttled = Signing in as { $subject } was paused after too many failures.
audit-sessions-ended = { $actor } signed out everywhere.
audit-password-changed = { $actor } changed their password.
audit-password-reset-requested = A password reset link was requested for { $subject }.
audit-password-reset = { $actor } reset their password.
audit-token-created = { $actor } created an API token.
audit-token-revoked = { $actor } revoked an API token.
audit-person-created = { $actor } created the account of { $subject }.
audit-company-changed = { $actor } changed the company profile of { $subject }.
audit-company-invited = { $actor } invited someone to { $subject }.
audit-company-joined = { $actor } joined { $subject }.
audit-company-member-removed = { $actor } removed a person from { $subject }.
audit-catalogue-imported = { $actor } imported offerings and sessions.
audit-session-access-changed = { $actor } changed the online access of the session { $subject }.
audit-offering-created = { $actor } created the offering { $subject }.
audit-material-added = { $actor } added the material { $subject }.
audit-material-removed = { $actor } removed the material { $subject }.
audit-offering-changed = { $actor } changed the offering { $subject }.
audit-offering-withdrawn = { $actor } withdrew the offering { $subject }.
audit-session-created = { $actor } created the session { $subject }.
audit-session-cancelled = { $actor } called off the session { $subject }.
audit-session-capacity-changed = { $actor } changed the seats of { $subject }.
audit-session-attendance-finalized = { $actor } finalized the attendance of { $subject }.
audit-registration-cancelled = { $actor } cancelled a registration for { $subject }.
audit-registration-checked-in = { $actor } checked someone in at { $subject }.
audit-participants-downloaded = { $actor } downloaded the participant list of { $subject }.
admin-audit-person = Person (id)
admin-audit-action = Action starts with
admin-audit-from = from (date)
admin-audit-to = to (date)
admin-audit-filter = Filter
admin-audit-none = No entries for this filter.
admin-col-entry = Entry

## Webhooks
webhooks-title = Webhooks – lotse
webhooks-heading = Webhooks
webhooks-lead = Let your systems (chamber calendars, CRM, participant management) hear what happens: registrations, cancellations, people moving up from the waitlist, check-ins, sessions called off or changed. Every delivery is signed as the Standard Webhooks specification says and carries only ids and the status, no names.
webhooks-none = You have not set up a webhook yet.
webhooks-caption = Your webhooks
webhooks-col-url = Receiver
webhooks-col-events = Events
webhooks-col-state = State
webhooks-col-actions = Actions
webhooks-all-partners = All partners
webhooks-active = active
webhooks-inactive = switched off
webhooks-switched-off = switched off after repeated failures on { $date }
webhooks-test = Send a test event
webhooks-switch-on = Switch on
webhooks-switch-off = Switch off
webhooks-delete = Delete
webhooks-new = New webhook
webhooks-new-lead = Deliveries are HTTP POST requests to the address. When one fails, lotse tries again a few times with growing pauses over about a day and a half; when many attempts in a row fail, the webhook is switched off and you get an e-mail.
webhooks-url = Receiver's address
webhooks-url-hint = For example https://calendar.chamber.example/lotse. Addresses in an internal network are allowed only where the operator has allowed them.
webhooks-events = Events
webhooks-create = Set up the webhook
webhooks-created = The webhook is set up. Your system checks the signature of every delivery with this secret. It is shown only this once.
webhooks-secret = Signing secret
webhooks-secret-copy = Copy the secret
webhooks-secret-copied = The secret is copied.
webhooks-log-link = To the delivery log
webhooks-notice-geloescht = The webhook is deleted.
webhooks-notice-test = A test event is on its way; its outcome shows in the log in a moment.
webhooks-notice-eingeschaltet = The webhook is switched on; waiting deliveries go out now.
webhooks-notice-ausgeschaltet = The webhook is switched off.
webhooks-log-title = Delivery log – lotse
webhooks-log-heading = Delivery log
webhooks-log-caption = The last 100 deliveries, newest first
webhooks-log-none = No deliveries yet.
webhooks-back = Back to the webhooks
webhooks-col-time = Time
webhooks-col-event = Event
webhooks-col-outcome = Outcome
webhooks-col-attempts = Attempts
webhooks-col-answer = Answer
webhooks-delivered = delivered
webhooks-given-up = given up
webhooks-pending = pending, next attempt { $when }
webhook-event-registration-created = registration received
webhook-event-registration-cancelled = registration cancelled
webhook-event-registration-promoted = moved up from the waitlist
webhook-event-checkin-created = checked in
webhook-event-session-cancelled = session called off
webhook-event-session-changed = session changed
webhook-error-status = The receiver refused the delivery.
webhook-error-internal-address = The address leads into an internal network; that is not allowed.
webhook-error-unresolved = The receiver's name could not be resolved.
webhook-error-timeout = The receiver did not answer in time.
webhook-error-connect = No connection to the receiver.
webhook-error-network = The connection to the receiver failed.
webhook-error-secret = The signing secret is unusable; please set up the webhook again.
webhook-url-invalid = Please give an address that starts with https:// or http://.
webhook-url-internal = This address is in an internal network (such as localhost or 192.168.…). The operator has not allowed such receivers.
webhook-events-invalid = Please choose at least one event from the list.
webhook-partner-required = Please choose which partner the webhook is for.
refusal-not-found-webhook = There is no such webhook.
refusal-not-found-partner = There is no such partner.
editor-webhooks-link = Webhooks
mail-webhook-off-subject = Webhook switched off: { $url }
mail-webhook-off-body = Your webhook to { $url } is switched off because { $failures } delivery attempts in a row failed.

    Deliveries still waiting are kept. Once the receiver can be reached again, switch the webhook back on on the webhooks page; its log there also shows why the attempts failed.
mail-webhook-off-action = To your webhooks

## Bulk import (/redaktion/import)
editor-access = Change the online access
editor-access-hint = Everyone with a seat is mailed the new access.
editor-access-save = Save the access
editor-notice-zugang = The online access is saved; everyone with a seat has been told.
editor-import-link = Import offerings
import-title = Import offerings – lotse
import-heading = Import offerings and sessions
import-lead = Create or update many offerings at once from a spreadsheet: one row per session, the rows of one offering with the same external id. An external id that exists already updates its offering; sessions are only added, never changed or deleted.
import-upload = Upload a file
import-steps = First a dry run checks every row and shows what would be created or updated. Nothing is saved until you confirm afterwards – then everything at once, or nothing.
import-file = File (CSV or XLSX)
import-file-hint = At most { $megabytes } MB and { $rows } rows. CSV files may be separated by semicolons, commas or tabs and encoded in UTF-8 or Windows-1252.
import-dry-run = Start the dry run
import-file-refused = The file was not read:
import-template = Template
import-template-text = The template holds every column and an example: one offering with two sessions. In the XLSX template you pick kind, format, language and level from lists; a second sheet explains the columns.
import-template-xlsx = Template as an Excel file (XLSX)
import-template-csv = Template as a CSV file
import-columns = Columns
import-columns-text = The header row names the columns, in any order, by the template's name or the German name. A session's columns stay empty when a row only describes an offering.
import-columns-caption = Columns of the import file
import-col-column = Column
import-col-german = German name
import-col-required = Required
import-col-meaning = Meaning
import-required = required
import-optional = optional
import-allowed = Allowed
import-sheet-rows = Offerings
import-sheet-help = Explanation
import-back = Back to the editor
import-done = Import finished: { $created ->
        [one] 1 offering created
       *[other] { $created } offerings created
    }, { $updated } updated, { $sessions ->
        [one] 1 session created
       *[other] { $sessions } sessions created
    }.
import-report-title = Dry run – lotse
import-report-heading = Dry run of the import
import-report-file = File “{ $file }”. Nothing is saved yet.
import-count-created = { $count ->
        [one] 1 offering will be created
       *[other] { $count } offerings will be created
    }
import-count-updated = { $count ->
        [one] 1 offering will be updated
       *[other] { $count } offerings will be updated
    }
import-count-sessions = { $count ->
        [one] 1 session will be created
       *[other] { $count } sessions will be created
    }
import-count-existing = { $count ->
        [one] 1 session exists already (it stays as it is)
       *[other] { $count } sessions exist already (they stay as they are)
    }
import-ready = Every row is fine. “Import now” saves everything in one step.
import-confirm = Import now
import-cancel = Cancel
import-rows-refused = { $count ->
        [one] 1 row has errors
       *[other] { $count } rows have errors
    }. Nothing was saved: please correct the file and upload it again.
import-errors-caption = Errors by row and column
import-again = Upload a corrected file
import-all-rows = All rows ({ $count })
import-rows-caption = Result of each row
import-col-row = Row
import-col-external-id = External id
import-col-problem = Error
import-col-offering = Offering
import-col-session = Session
import-row-has-errors = has errors
import-offering-created = will be created
import-offering-updated = will be updated
import-offering-as-in-row = as in row { $row }
import-session-created = will be created
import-session-exists = exists already
import-column-external-id = The offering's id in your own records (up to 100 characters). Rows with the same external id belong to one offering; the next import updates that offering.
import-column-partner = Name or id of the partner. May stay empty when you edit the offerings of one partner only.
import-column-kind = Kind of offering.
import-column-title = Title, up to 120 characters.
import-column-summary = One or two sentences for lists, up to 400 characters.
import-column-description = The full description; paragraphs separated by blank lines.
import-column-learning-outcomes = What participants can do afterwards: 1 to 12 outcomes, one per line in the cell or separated by “|”.
import-column-topics = Topics, separated by commas.
import-column-audiences = Audiences, separated by commas.
import-column-duration-hours = Learning time in whole hours.
import-column-format = In person, online or both.
import-column-price-eur = Price in euros, such as 0, 49 or 49.50; empty means free.
import-column-language = Language of the offering; empty means German.
import-column-level = Level.
import-column-starts-at = Start of the session, such as 04.03.2027 09:00 or 2027-03-04 09:00 (Berlin time). Empty: the row only describes the offering.
import-column-ends-at = End of the session, in the same format.
import-column-registration-deadline = Registration deadline, in the same format; empty means one day before the start.
import-column-place = Name or id of the place, for sessions in person.
import-column-online-link = Link for sessions online (https://…).
import-column-dial-in = Dial-in by phone for sessions online, only together with a link.
import-column-capacity = Number of seats.
import-column-cancellation-cutoff-hours = Until how many hours before the start participants may cancel; empty means 24.
invalid-import-unreadable = The file cannot be read as CSV or as a spreadsheet ({ $detail }).
invalid-import-empty = The file is empty or has no header row.
invalid-import-no-file = Please choose a file.
invalid-import-rows = { $rows ->
        [one] 1 row has errors
       *[other] { $rows } rows have errors
    }; nothing was saved.
invalid-import-column-twice = The column “{ $column }” appears twice.
invalid-import-unknown-column = Unknown column “{ $column }”; the template names every column.
invalid-import-missing-columns = Columns are missing: { $columns }.
invalid-import-too-many-rows = At most { $max } rows per file; please split the file.
invalid-import-differs-from-row = The offering's values differ from row { $row } with the same external id; leave them empty or write them the same.
invalid-import-withdrawn = The offering with this external id was withdrawn.
invalid-import-session-twice = This session is in row { $row } already.
invalid-import-formula = starts like a formula (=, +, -, @); formulas are not taken over
invalid-import-unknown-place = there is no place “{ $value }” (name or id from the list of places)
invalid-import-unknown-partner = there is no partner “{ $value }”
invalid-import-partner-not-yours = you may not edit offerings of this partner
invalid-import-partner-required = is needed because you edit offerings of several partners
invalid-import-whole-number = “{ $value }” is not a whole number
invalid-import-price = “{ $value }” is not a price in euros (such as 49 or 49.50)
invalid-import-price-ambiguous = “{ $value }” is ambiguous; write 1200 or 1200.00, for example
invalid-import-date-time = “{ $value }” is not a point in time (such as 04.03.2027 09:00 or 2027-03-04 09:00)
refusal-import-forbidden = You do not edit the offerings of any partner.
refusal-import-changed = The catalogue changed during the import (an external id, a partner or a place). Nothing was saved; please start the dry run again.
problem-title-too-large = Too large
problem-detail-too-large = The data sent is larger than the { $size } allowed.
error-413-heading = File too large
error-413-text = The data sent is larger than allowed.
# Materials
materials-heading = Materials
materials-editor-lead = Slides, handouts, spreadsheets and links for the whole offering or for one session. "For participants" is seen only by people with a seat (confirmed or attended), also after the session; "For everyone" also appears on the public page.
materials-none = No materials yet.
materials-remove = Remove
materials-add = Add material
materials-file = File
materials-file-hint = Allowed: { $types }; at most { $max_mb } MB. Or give a link instead of a file.
materials-url = Link
materials-url-hint = For example a shared folder or a recording (https://…).
materials-title = Title (optional)
materials-title-hint = Without a title, lotse shows the file name or the link.
materials-audience = For whom?
materials-audience-participants = For participants
materials-audience-everyone = For everyone
materials-belongs-to = Belongs to
materials-whole-offering = the whole offering
materials-upload = Add
materials-link = Link
materials-form = Form
registrations-materials = Materials
editor-notice-material = The material is saved.
editor-notice-material-entfernt = The material is removed, a file from the server too.
invalid-audience = must be "everyone" or "participants"
invalid-file-name = must not contain folders, control characters or any of < > " | ? * and must not start with a dot
invalid-file-type = is a kind of file lotse does not keep; allowed are { $allowed }
invalid-file-empty = is empty
invalid-file-too-large = is larger than { $max_mb } MB
invalid-file-too-large-request = is larger than allowed
invalid-file-content = is not a real { $extension } file: its content or declared type does not match its extension
invalid-file-or-link = needs either a file or a link (not both)
invalid-session-of-offering = is not a session of this offering
invalid-multipart = is not a readable form ({ $detail })
refusal-not-found-material = There is no such material.
problem-title-unavailable = Temporarily unavailable
problem-detail-unavailable = The database cannot be reached right now (for example during a restart). Please try again in a few seconds; nothing was saved.
error-503-heading = Back in a moment
error-503-text = lotse cannot reach its data right now, for example during a restart. Please try again in a few seconds; nothing was saved.
legal-example-label = Example text.
legal-example-notice = The operator of this installation has not yet published their own text for this page; until then it shows a sample that does not meet the legal requirements.
legal-german-only = This page is available in German only.

path-title = My learning path
path-lead = Your qualifications: what you have completed, what is still missing, and the next sessions for it. A module counts as completed once your attendance has been recorded.
path-none = You have not started a qualification yet. It begins when you register for one of its modules.
path-browse = See the qualifications
path-completed = Completed
path-completed-on = on
path-hours = { $hours } of { $minimum } hours
path-missing = { $required ->
    [0] All required modules are completed.
    [one] One required module is still missing.
   *[other] { $required } required modules are still missing.
} { $hours ->
    [0] {""}
    [one] One more hour to go.
   *[other] { $hours } more hours to go.
}
path-hours-unit = h
path-required = required module
path-elective = elective
path-module-done = Completed
path-module-booked = Registered
path-next-session = Next session:
path-book = Register
path-no-session = No session planned at the moment.
account-path-link = My learning path
