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
check-heading = Digital maturity check
check-p1 = Where does your company stand in terms of digitalisation? The check asks about six areas – from strategy, data and security to automation and sustainability – and takes about 15 minutes.
check-p2 = At the end, you will see your scores for each area and receive recommendations for suitable courses and events from the competence center.
check-p3 = The questionnaire is currently being finalised. Until then, you can find suitable courses and events in the catalogue.

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
