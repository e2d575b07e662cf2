// Real-browser flows of lotse in Debian's headless Chromium, driven by playwright-core.
// The server is started by crates/lotse/tests/browser.rs, which passes its address in
// LOTSE_E2E_BASE. Every visited page is checked with axe-core (WCAG 2.0/2.1 A and AA),
// and at the end with the W3C Nu HTML checker (vnu-jar, needs Java).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, mkdirSync, readdirSync, writeFileSync, mkdtempSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { chromium } from 'playwright-core';

const require = createRequire(import.meta.url);
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const BASE = process.env.LOTSE_E2E_BASE;
const SHOTS = process.env.LOTSE_E2E_SCREENSHOTS || new URL('./screenshots/', import.meta.url).pathname;
const CHROMIUM = process.env.LOTSE_E2E_CHROMIUM || '/usr/bin/chromium';
const MAIL_DIR = process.env.LOTSE_E2E_MAIL_DIR;
// Each page checked with axe is also kept here for the Nu HTML checker at the end.
const CHECKED = mkdtempSync(join(tmpdir(), 'lotse-e2e-html-'));
let checkedPages = 0;

/** The link starting with `prefix` in the newest mail to `to` that lotse wrote. */
async function mailedLink(to, prefix) {
  for (let i = 0; i < 50; i++) {
    const files = MAIL_DIR ? readdirSync(MAIL_DIR).filter((f) => f.endsWith('.eml')) : [];
    for (const f of files) {
      const raw = readFileSync(`${MAIL_DIR}/${f}`, 'utf8').replace(/=\r?\n/g, '').replace(/=3D/g, '=');
      if (raw.includes(`To: ${to}`) && raw.includes(prefix)) {
        return raw.slice(raw.indexOf(prefix)).split(/[\s"<]/)[0];
      }
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`no mail to ${to} with ${prefix} in ${MAIL_DIR}`);
}
assert.ok(BASE, 'LOTSE_E2E_BASE must name the running lotse');

let browser;
before(async () => {
  mkdirSync(SHOTS, { recursive: true });
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  });
});
after(async () => { await browser?.close(); });

/** A fresh context (its own cookies) with an optional viewport and JavaScript switch. */
async function newPage(options = {}) {
  const context = await browser.newContext({ viewport: { width: 1024, height: 768 }, ...options });
  const page = await context.newPage();
  // Fail on anything the page tries to load from another origin.
  page.on('request', (request) => {
    const url = request.url();
    if (!url.startsWith(BASE) && !url.startsWith('data:')) {
      throw new Error(`page loads from outside: ${url}`);
    }
  });
  return page;
}

/** Runs axe-core on the page and fails on any WCAG 2.0/2.1 A or AA violation. */
async function assertAccessible(page, label) {
  checkedPages += 1;
  writeFileSync(join(CHECKED, `${String(checkedPages).padStart(3, '0')}.html`),
    `<!-- ${label} -->\n${await page.content()}`);
  await page.evaluate(AXE_SOURCE);
  const result = await page.evaluate(() => window.axe.run(document, {
    runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
  }));
  const problems = result.violations.map((v) =>
    `${v.id} (${v.impact}): ${v.help}\n    ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join('\n    ')}`);
  assert.deepEqual(problems, [], `axe violations on ${label}:\n  ${problems.join('\n  ')}`);
}

async function cardTitles(page) {
  return page.locator('#ergebnisse .card-title a').allTextContents();
}

test('catalogue filters update the results in place with JavaScript', async () => {
  const page = await newPage();
  await page.goto(`${BASE}/angebote`);
  await assertAccessible(page, '/angebote');
  const allHeading = await page.locator('#results-heading').textContent();
  await page.getByLabel('Themenfeld', { exact: true }).selectOption('logistik-4-0');
  await page.waitForURL(/topic=logistik-4-0/);
  await page.waitForFunction((before) => document.querySelector('#results-heading')?.textContent !== before, allHeading);
  const tags = await page.locator('#ergebnisse .card .tags').allTextContents();
  assert.ok(tags.length > 0, 'no results for Logistik 4.0');
  for (const t of tags) assert.match(t, /Logistik 4\.0/);
  // Same document: htmx swapped the results, the filter form kept its state.
  assert.equal(await page.getByLabel('Themenfeld', { exact: true }).inputValue(), 'logistik-4-0');
  await page.getByLabel('Art', { exact: true }).selectOption('module');
  await page.waitForURL(/kind=module/);
  await page.waitForFunction(() => [...document.querySelectorAll('#ergebnisse .card-kind')].every((k) => /Qualifizierungsmodul/i.test(k.textContent)));
  await assertAccessible(page, '/angebote filtered');
  await page.context().close();
});

test('catalogue filters work without JavaScript', async () => {
  const page = await newPage({ javaScriptEnabled: false });
  await page.goto(`${BASE}/angebote`);
  await page.getByLabel('Art', { exact: true }).selectOption('webinar');
  await Promise.all([page.waitForURL(/kind=webinar/), page.getByRole('button', { name: 'Filter anwenden' }).click()]);
  const kinds = await page.locator('#ergebnisse .card-kind').allTextContents();
  assert.ok(kinds.length > 0);
  for (const k of kinds) assert.match(k, /Webinar/i);
  // Paging by link.
  await page.goto(`${BASE}/angebote?limit=5`);
  const first = await cardTitles(page);
  await Promise.all([page.waitForURL(/cursor=/), page.getByRole('link', { name: 'Weitere Angebote' }).click()]);
  const second = await cardTitles(page);
  assert.equal(first.length, 5);
  assert.ok(second.length > 0 && !second.includes(first[0]), 'the next page repeats the first');
  await page.context().close();
});

test('an offering, a qualification and a partner open from their lists', async () => {
  const page = await newPage();
  await page.goto(`${BASE}/angebote?kind=module`);
  const link = page.locator('#ergebnisse .card-title a').first();
  const title = (await link.textContent()).trim();
  await Promise.all([page.waitForURL(/\/angebote\/[0-9a-f-]{36}$/), link.click()]);
  assert.equal((await page.locator('h1').textContent()).trim(), title);
  assert.ok(await page.locator('.sessions .session').count() > 0, 'no sessions shown');
  assert.match(await page.locator('.session-seats').first().textContent(), /Plätzen frei|Ausgebucht|Abgesagt/);
  await assertAccessible(page, 'offering page');

  await page.goto(`${BASE}/qualifizierungen`);
  await assertAccessible(page, '/qualifizierungen');
  await Promise.all([page.waitForURL(/\/qualifizierungen\/[0-9a-f-]{36}$/), page.locator('.card-title a').first().click()]);
  assert.ok(await page.locator('table.modules tbody tr').count() >= 2);
  await assertAccessible(page, 'qualification page');

  await page.goto(`${BASE}/partner`);
  await assertAccessible(page, '/partner');
  await Promise.all([page.waitForURL(/\/partner\/[0-9a-f-]{36}$/), page.locator('.card-title a').first().click()]);
  assert.ok(await page.locator('.card').count() > 0, 'partner without offerings');
  await assertAccessible(page, 'partner page');
  await page.context().close();
});

test('the language switch turns every page English and back', async () => {
  const page = await newPage();
  await page.goto(`${BASE}/angebote?topic=arbeit-4-0`);
  assert.equal(await page.getAttribute('html', 'lang'), 'de');
  await Promise.all([page.waitForURL(/\/angebote\?topic=arbeit-4-0$/), page.getByRole('link', { name: 'English' }).click()]);
  assert.equal(await page.getAttribute('html', 'lang'), 'en');
  assert.ok(await page.getByRole('link', { name: 'Courses & events' }).isVisible());
  await assertAccessible(page, '/angebote in English');
  for (const path of ['/', '/qualifizierungen', '/partner', '/check', '/impressum', '/datenschutz', '/api/docs', '/gibt-es-nicht']) {
    await page.goto(`${BASE}${path}`);
    assert.equal(await page.getAttribute('html', 'lang'), 'en', path);
    await assertAccessible(page, `${path} in English`);
  }
  await page.getByRole('link', { name: 'Deutsch' }).click();
  await page.waitForLoadState();
  assert.equal(await page.getAttribute('html', 'lang'), 'de');
  await page.context().close();
});

test('the remaining pages pass axe in German', async () => {
  const page = await newPage();
  for (const path of ['/', '/check', '/impressum', '/datenschutz', '/api/docs', '/gibt-es-nicht', '/angebote?topic=kochen']) {
    await page.goto(`${BASE}${path}`);
    await assertAccessible(page, path);
  }
  await page.context().close();
});

test('search suggestions follow the keyboard (ARIA combobox) and open an offering', async () => {
  const page = await newPage();
  await page.goto(`${BASE}/angebote`);
  const field = page.getByRole('combobox', { name: 'Suchbegriff' });
  await field.focus();
  await page.keyboard.type('Lagerverw', { delay: 40 });
  const options = page.locator('#vorschlaege [role=option]');
  await options.first().waitFor();
  assert.equal(await field.getAttribute('aria-expanded'), 'true');
  assert.match(await options.first().textContent(), /Lagerverwaltung/);
  await page.keyboard.press('ArrowDown');
  assert.equal(await field.getAttribute('aria-activedescendant'), await options.first().getAttribute('id'));
  assert.equal(await options.first().getAttribute('aria-selected'), 'true');
  await assertAccessible(page, '/angebote with suggestions open');
  // Escape closes the list and keeps the text; the arrow key opens it again.
  await page.keyboard.press('Escape');
  assert.equal(await field.getAttribute('aria-expanded'), 'false');
  assert.ok(await page.locator('#vorschlaege').isHidden());
  assert.equal(await field.inputValue(), 'Lagerverw');
  await page.keyboard.press('ArrowDown');
  const title = (await options.first().evaluate((o) => o.firstChild.textContent)).trim();
  await Promise.all([page.waitForURL(/\/angebote\/[0-9a-f-]{36}$/), page.keyboard.press('Enter')]);
  assert.equal((await page.locator('h1').textContent()).trim(), title);
  // A submitted search lists by relevance and marks the words found.
  await page.goto(`${BASE}/angebote?q=Foerderung`);
  assert.match(await page.locator('#ergebnisse .card-title').first().textContent(), /Förder/);
  assert.ok(await page.locator('#ergebnisse .card-snippet mark').count() > 0, 'no marked words');
  assert.ok(await page.locator('#ergebnisse .refine a').count() > 0, 'no facet counts');
  await assertAccessible(page, '/angebote?q=Foerderung');
  await page.context().close();
});

test('the start page answers a described challenge with offerings and a check dimension', async () => {
  const page = await newPage();
  await page.goto(`${BASE}/`);
  await page.getByLabel('Was beschäftigt Ihr Unternehmen gerade?').fill('Unser Lager ist chaotisch, alles läuft über Papier');
  await Promise.all([page.waitForURL(/\/herausforderung\?text=/),
    page.getByRole('button', { name: 'Passende Angebote finden' }).click()]);
  assert.match(await page.locator('main .notice').first().textContent(), /Digitale Bereitschaft/);
  const titles = await page.locator('.card-title a').allTextContents();
  assert.ok(titles.slice(0, 3).some((t) => /Lagerverwaltung/.test(t)), titles.join(' | '));
  await assertAccessible(page, '/herausforderung');
  await page.context().close();
});

test('keyboard only: skip link, navigation and filtering', async () => {
  const page = await newPage();
  await page.goto(`${BASE}/`);
  await page.keyboard.press('Tab');
  const skip = page.locator('.skip-link');
  assert.ok(await skip.evaluate((el) => el === document.activeElement), 'first Tab does not reach the skip link');
  const box = await skip.boundingBox();
  assert.ok(box && box.x >= 0 && box.y >= 0, 'focused skip link is not visible');
  await page.keyboard.press('Enter');
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'inhalt');
  // Focus is visible: the focused element gets an outline.
  await page.keyboard.press('Tab');
  const outline = await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle);
  assert.notEqual(outline, 'none', 'focus is not visible');
  // Reach the catalogue and choose a topic with the keyboard alone.
  await page.goto(`${BASE}/angebote`);
  await page.locator('#f-topic').focus();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await page.waitForURL(/topic=arbeit-4-0/);
  assert.match(await page.locator('#results-heading').textContent(), /Angebote? gefunden/);
  // Enter submits the search field too.
  await page.goto(`${BASE}/angebote`);
  await page.locator('#f-q').focus();
  await page.keyboard.type('Logistik');
  await page.keyboard.press('Enter');
  await page.waitForURL(/q=Logistik/);
  assert.ok((await cardTitles(page)).length > 0);
  await page.context().close();
});

test('register a company, confirm through the mailed link, and manage the account', async () => {
  const page = await newPage();
  const email = `marta-${Date.now()}@spreewald-logistik.example`;
  await page.goto(`${BASE}/registrieren`);
  await assertAccessible(page, '/registrieren');
  // Submitting without consent shows the errors at the fields, accessibly.
  await page.getByLabel('Name', { exact: true }).fill('Marta Müller');
  await page.getByLabel('E-Mail-Adresse').fill(email);
  await page.getByLabel('Passwort', { exact: true }).fill('kurz');
  await page.getByRole('button', { name: 'Konto anlegen' }).click();
  await page.waitForSelector('.notice.error');
  await assertAccessible(page, '/registrieren with errors');
  await page.getByLabel('Passwort', { exact: true }).fill('Gabelstapler fahren im Morgennebel');
  await page.getByLabel('Unternehmen (optional)').fill('Spreewald Logistik GmbH');
  await page.getByLabel('Wirtschaftszweig (WZ 2008)').selectOption('H');
  await page.getByLabel('Zahl der Beschäftigten').fill('42');
  await page.getByLabel('Landkreis oder kreisfreie Stadt').selectOption('12071');
  await page.getByLabel(/Datenschutzhinweise gelesen/).check();
  await Promise.all([page.waitForURL(/\/konto\?hinweis=registriert/), page.getByRole('button', { name: 'Konto anlegen' }).click()]);
  assert.match(await page.locator('.notice').first().textContent(), /Bestätigungslink/);
  assert.match(await page.locator('main').textContent(), /noch nicht bestätigt/);
  assert.match(await page.locator('main').textContent(), /Spreewald Logistik GmbH/);
  await assertAccessible(page, '/konto');
  const link = await mailedLink(email, `${BASE}/konto/bestaetigen?token=`);
  await page.goto(link);
  assert.match(await page.locator('h1').textContent(), /bestätigt/);
  await page.goto(`${BASE}/konto`);
  assert.match(await page.locator('main').textContent(), /bestätigt/);
  // A token is shown once.
  await page.getByLabel('Name des neuen Tokens').fill('Auswertung');
  await page.getByRole('button', { name: 'Token erzeugen' }).click();
  assert.match(await page.locator('code.token').textContent(), /^lotse_/);
  await page.goto(`${BASE}/konto`);
  assert.equal(await page.locator('code.token').count(), 0);
  await Promise.all([page.waitForURL(`${BASE}/`), page.getByRole('button', { name: 'Abmelden', exact: true }).click()]);
  await page.goto(`${BASE}/konto`);
  assert.match(page.url(), /\/anmelden/);
  await page.context().close();
});

test('sign in and out with the keyboard only; a wrong password says so', async () => {
  const page = await newPage();
  await page.goto(`${BASE}/anmelden`);
  await assertAccessible(page, '/anmelden');
  await page.locator('#f-email').focus();
  await page.keyboard.type('learner@demo.lotse.de');
  await page.keyboard.press('Tab');
  await page.keyboard.type('nicht das Passwort');
  await page.keyboard.press('Enter');
  await page.waitForSelector('.notice.error');
  assert.match(await page.locator('.notice.error').textContent(), /nicht richtig/);
  await assertAccessible(page, '/anmelden with an error');
  await page.locator('#f-password').focus();
  await page.keyboard.type('demo-lotse-2026');
  await Promise.all([page.waitForURL(/\/konto$/), page.keyboard.press('Enter')]);
  assert.match(await page.locator('main').textContent(), /Lena Lernende/);
  assert.match(await page.locator('main').textContent(), /Beschäftigte\/r/);
  await page.context().close();
});

async function signIn(page, email, password) {
  await page.goto(`${BASE}/anmelden`);
  await page.getByLabel('E-Mail-Adresse').fill(email);
  await page.getByLabel('Passwort', { exact: true }).fill(password);
  await Promise.all([page.waitForURL(/\/konto/), page.getByRole('button', { name: 'Anmelden' }).click()]);
}

test('a partner editor publishes an offering with a session that the catalogue shows', async () => {
  const page = await newPage();
  await signIn(page, 'partner@demo.lotse.de', 'demo-lotse-2026');
  await Promise.all([page.waitForURL(/\/redaktion$/), page.getByRole('link', { name: /Zur Redaktion/ }).click()]);
  await assertAccessible(page, '/redaktion');
  await Promise.all([page.waitForURL(/\/redaktion\/angebote\/neu$/), page.getByRole('link', { name: 'Neues Angebot' }).click()]);
  await assertAccessible(page, '/redaktion/angebote/neu');
  const title = `Staplerleitstand digital ${Date.now()}`;
  await page.getByLabel('Titel', { exact: true }).fill(title);
  await page.getByLabel('Art', { exact: true }).selectOption('workshop');
  await page.getByLabel('Umfang in Stunden').fill('6');
  await page.getByLabel('Kurzbeschreibung').fill('Wie ein digitaler Leitstand Staplerfahrten plant.');
  await page.getByLabel('Beschreibung', { exact: true }).fill('Erster Absatz.\n\nZweiter Absatz.');
  await page.getByLabel('Lernziele').fill('Sie können Fahrten planen.\nSie können Kennzahlen lesen.');
  await page.getByLabel('Logistik 4.0').check();
  await page.getByLabel('Beschäftigte', { exact: true }).check();
  await page.getByLabel('Zählt für Qualifizierungen').check();
  await Promise.all([page.waitForURL(/hinweis=angelegt/), page.getByRole('button', { name: 'Angebot speichern' }).click()]);
  await assertAccessible(page, 'offering editor');
  assert.ok(await page.getByLabel('Zählt für Qualifizierungen').isChecked(), 'the workshop was saved as counting');
  // No date yet: a visitor asks to be told, and is asked to confirm by mail.
  const offeringId = new URL(page.url()).pathname.split('/').pop();
  const visitor = await newPage({ viewport: { width: 390, height: 844 } });
  await visitor.goto(`${BASE}/angebote/${offeringId}`);
  await assertAccessible(visitor, 'offering page without dates');
  await visitor.getByLabel('Ihre E-Mail-Adresse').fill('besucherin@beispiel.de');
  await Promise.all([visitor.waitForURL(/hinweis=bestaetigen/), visitor.getByRole('button', { name: 'Benachrichtigen' }).click()]);
  assert.match(await visitor.locator('#termine-anfragen').textContent(), /Bitte bestätigen Sie Ihre Adresse/);
  await visitor.context().close();
  await page.getByLabel('Beginn', { exact: true }).fill('2031-05-06T09:00');
  await page.getByLabel('Ende', { exact: true }).fill('2031-05-06T15:00');
  await page.getByLabel('Ort', { exact: true }).selectOption({ index: 1 });
  await page.getByLabel('Plätze', { exact: true }).fill('14');
  await Promise.all([page.waitForURL(/hinweis=termin/), page.getByRole('button', { name: 'Termin anlegen' }).click()]);
  assert.match(await page.locator('main').textContent(), /6\. Mai 2031/);
  await page.goto(`${BASE}/angebote?q=${encodeURIComponent(title)}`);
  await Promise.all([page.waitForURL(/\/angebote\/[0-9a-f-]{36}$/), page.getByRole('link', { name: title }).click()]);
  assert.match(await page.locator('.sessions').textContent(), /14 von 14 Plätzen frei/);
  const offeringUrl = page.url();
  // An online session: its join link reaches people with a seat only.
  await page.goBack();
  await page.goto(`${BASE}/redaktion`);
  await Promise.all([page.waitForURL(/\/redaktion\/angebote\/[0-9a-f-]{36}$/), page.getByRole('link', { name: title }).click()]);
  await page.getByLabel('Beginn', { exact: true }).fill('2031-06-10T10:00');
  await page.getByLabel('Ende', { exact: true }).fill('2031-06-10T12:00');
  await page.getByLabel('Online-Link (optional)').fill('https://meet.example.org/stapler');
  await page.getByLabel('Einwahl per Telefon (optional)').fill('+49 355 69 4000');
  await page.getByLabel('Plätze', { exact: true }).fill('5');
  await Promise.all([page.waitForURL(/hinweis=termin/), page.getByRole('button', { name: 'Termin anlegen' }).click()]);
  await page.locator('details.access summary').first().click();
  await page.locator('details.access input[name=dial_in]').first().fill('+49 355 69 4001, Konferenz-ID 7');
  await Promise.all([page.waitForURL(/hinweis=zugang/), page.getByRole('button', { name: 'Zugang speichern' }).first().click()]);
  assert.match(await page.locator('[role=status]').first().textContent(), /Online-Zugang ist gespeichert/);
  await assertAccessible(page, 'offering editor with an online session');
  // Materials: slides for participants (a file) and a checklist for everyone (a link).
  await page.locator('#f-material-file').setInputFiles({
    name: 'Folien Leitstand.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.7\n%%EOF\n'),
  });
  await page.getByLabel('Titel (optional)').fill('Folien zum Leitstand');
  await Promise.all([page.waitForURL(/hinweis=material/), page.getByRole('button', { name: 'Hinzufügen' }).click()]);
  await page.getByLabel('Link', { exact: true }).fill('https://cloud.example.org/s/leitstand');
  await page.getByLabel('Titel (optional)').fill('Checkliste im Netz');
  await page.getByLabel('Für alle').check();
  await Promise.all([page.waitForURL(/hinweis=material/), page.getByRole('button', { name: 'Hinzufügen' }).click()]);
  assert.match(await page.locator('#materialien').textContent(), /Folien zum Leitstand[\s\S]*PDF/);
  await assertAccessible(page, 'offering editor with materials');
  await page.context().close();
  const learner = await newPage();
  await signIn(learner, 'learner@demo.lotse.de', 'demo-lotse-2026');
  await learner.goto(offeringUrl);
  assert.ok(!(await learner.content()).includes('meet.example.org'), 'the public page shows the join link');
  const publicMaterials = await learner.locator('main').textContent();
  assert.ok(publicMaterials.includes('Checkliste im Netz') && !publicMaterials.includes('Folien zum Leitstand'),
    'the public page shows the participants\' slides, or not the checklist');
  await Promise.all([learner.waitForURL(/\/konto\/anmeldungen\?hinweis=bestaetigt/), learner.locator('.session-book button').last().click()]);
  const join = learner.getByRole('link', { name: /Online teilnehmen/ }).first();
  assert.equal(await join.getAttribute('href'), 'https://meet.example.org/stapler');
  assert.match(await learner.locator('.join-dial-in').first().textContent(), /Konferenz-ID 7/);
  // The participants' slides come with the seat.
  const materials = learner.locator('.materials-of-session', { hasText: 'Folien zum Leitstand' }).first();
  await materials.locator('summary').click();
  const slides = materials.getByRole('link', { name: 'Folien zum Leitstand' });
  assert.match(await slides.getAttribute('href'), /^\/materialien\/[0-9a-f-]{36}$/);
  await assertAccessible(learner, '/konto/anmeldungen with an online session');
  await Promise.all([learner.waitForURL(/hinweis=storniert/), learner.getByRole('button', { name: /Abmelden/ }).first().click()]);
  await learner.context().close();
});

test('a company admin invites a colleague from the account page', async () => {
  const page = await newPage();
  await signIn(page, 'company@demo.lotse.de', 'demo-lotse-2026');
  await page.getByLabel(/E-Mail-Adresse einer Kollegin/).fill('neu.im.team@beispiel.de');
  await Promise.all([page.waitForURL(/hinweis=eingeladen-versandt/), page.getByRole('button', { name: 'Einladen' }).click()]);
  assert.match(await page.locator('main').textContent(), /Lena Lernende/);
  await assertAccessible(page, '/konto as company admin');
  await mailedLink('neu.im.team@beispiel.de', `${BASE}/einladung?token=`);
  await page.context().close();
});

test('staff create an account for a phone sign-up; admins read the audit log', async () => {
  const page = await newPage();
  await signIn(page, 'staff@demo.lotse.de', 'demo-lotse-2026');
  await Promise.all([page.waitForURL(/\/verwaltung$/), page.getByRole('link', { name: /Zur Verwaltung/ }).click()]);
  await assertAccessible(page, '/verwaltung as staff');
  assert.equal(await page.locator('#audit-heading').count(), 0, 'staff see the audit log');
  await page.getByLabel('Name', { exact: true }).fill('Ilse Telefon');
  await page.getByLabel('E-Mail-Adresse').fill(`ilse-${Date.now()}@beispiel.de`);
  await Promise.all([page.waitForURL(/hinweis=angelegt/), page.getByRole('button', { name: 'Konto anlegen' }).click()]);
  await page.context().close();
  const admin = await newPage();
  await signIn(admin, 'admin@demo.lotse.de', 'demo-lotse-2026');
  await admin.goto(`${BASE}/verwaltung`);
  assert.match(await admin.locator('table').last().textContent(), /person\.created/);
  await assertAccessible(admin, '/verwaltung as admin');
  await admin.context().close();
});

test('staff subscribe a webhook, see its secret once and its delivery log', async () => {
  const page = await newPage();
  await signIn(page, 'staff@demo.lotse.de', 'demo-lotse-2026');
  await page.goto(`${BASE}/redaktion`);
  await Promise.all([page.waitForURL(/\/redaktion\/webhooks$/), page.getByRole('link', { name: 'Webhooks' }).click()]);
  await assertAccessible(page, '/redaktion/webhooks');
  // Nothing chosen: the form says what is missing and keeps the address.
  await page.getByLabel('Adresse des Empfängers').fill('https://hooks.example.org/lotse');
  await page.getByRole('button', { name: 'Webhook einrichten' }).click();
  assert.match(await page.locator('[role=alert]').textContent(), /mindestens ein Ereignis/);
  assert.equal(await page.getByLabel('Adresse des Empfängers').inputValue(), 'https://hooks.example.org/lotse');
  await page.getByLabel(/Termin abgesagt/).check();
  await page.getByRole('button', { name: 'Webhook einrichten' }).click();
  const secret = await page.getByLabel('Signaturgeheimnis').inputValue();
  assert.match(secret, /^whsec_[A-Za-z0-9+/]{43}=$/);
  assert.ok(await page.getByRole('button', { name: 'Geheimnis kopieren' }).isVisible(), 'the copy button shows');
  await assertAccessible(page, '/redaktion/webhooks with a new secret');
  await Promise.all([page.waitForURL(/\/redaktion\/webhooks\/[0-9a-f-]{36}$/), page.getByRole('link', { name: 'Zum Zustellprotokoll' }).click()]);
  await Promise.all([page.waitForURL(/hinweis=test/), page.getByRole('button', { name: 'Testereignis senden' }).click()]);
  assert.match(await page.locator('table').textContent(), /webhook\.test/);
  await assertAccessible(page, 'webhook delivery log');
  await page.goto(`${BASE}/redaktion/webhooks`);
  assert.ok(!(await page.content()).includes(secret), 'the secret is shown once');
  await page.context().close();
});

test('a partner editor tries an import file, corrects it and imports it', async () => {
  const page = await newPage();
  await signIn(page, 'partner@demo.lotse.de', 'demo-lotse-2026');
  await page.goto(`${BASE}/redaktion`);
  await Promise.all([page.waitForURL(/\/redaktion\/import$/), page.getByRole('link', { name: 'Angebote importieren' }).click()]);
  await assertAccessible(page, '/redaktion/import');
  const places = await (await page.request.get(`${BASE}/api/v1/places`)).json();
  const place = places.items[0].name;
  const run = Date.now();
  const file = (start) => ({
    name: 'kurse.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from([
      'externe_id;art;titel;kurzbeschreibung;beschreibung;lernziele;themen;zielgruppen;dauer_stunden;format;niveau;beginn;ende;ort;plaetze',
      `E2E-${run};workshop;Importiert im Browser ${run};Kurz.;Lang.;Eins | Zwei;strategie;beschaeftigte;3;presence;basic;${start};12.03.2031 12:00;${place};10`,
    ].join('\n')),
  });
  // A date nobody can read: the row, the column and nothing saved.
  await page.getByLabel('Datei (CSV oder XLSX)').setInputFiles(file('gestern'));
  await page.getByRole('button', { name: 'Probelauf starten' }).click();
  assert.match(await page.locator('[role=alert]').textContent(), /1 Zeile hat Fehler/);
  assert.match(await page.locator('main table').first().textContent(), /starts_at.*„gestern“/s);
  assert.equal(await page.getByRole('button', { name: 'Jetzt importieren' }).count(), 0);
  await assertAccessible(page, 'import dry run with an error');
  await page.getByRole('link', { name: 'Korrigierte Datei hochladen' }).click();
  await page.getByLabel('Datei (CSV oder XLSX)').setInputFiles(file('12.03.2031 09:00'));
  await page.getByRole('button', { name: 'Probelauf starten' }).click();
  assert.match(await page.locator('main').textContent(), /1 Angebot wird angelegt/);
  await assertAccessible(page, 'import dry run ready to import');
  await Promise.all([page.waitForURL(/angelegt=1/), page.getByRole('button', { name: 'Jetzt importieren' }).click()]);
  assert.match(await page.locator('[role=status]').textContent(), /1 Angebot angelegt, 0 aktualisiert, 1 Termin angelegt/);
  await page.goto(`${BASE}/angebote?q=${encodeURIComponent(`Importiert im Browser ${run}`)}`);
  assert.match(await page.locator('#ergebnisse').textContent(), new RegExp(`Importiert im Browser ${run}`));
  await page.context().close();
});

test('a learner sets up a private calendar feed and copies its address', async () => {
  const page = await newPage();
  await signIn(page, 'learner@demo.lotse.de', 'demo-lotse-2026');
  await page.goto(`${BASE}/konto/anmeldungen`);
  await page.getByRole('button', { name: /Kalender-Abo einrichten|Neue Adresse erzeugen/ }).click();
  const address = await page.getByLabel('Adresse des Kalender-Abos').inputValue();
  assert.match(address, /\/ical\/me\/[A-Za-z0-9_-]{43}\.ics$/);
  await assertAccessible(page, '/konto/anmeldungen with a new calendar address');
  const feed = await page.request.get(address);
  assert.equal(feed.status(), 200);
  assert.match(await feed.text(), /^BEGIN:VCALENDAR/);
  await Promise.all([page.waitForURL(/hinweis=kalender-beendet/), page.getByRole('button', { name: 'Kalender-Abo beenden' }).click()]);
  assert.equal((await page.request.get(address)).status(), 404);
  await page.context().close();
});

test('a learner books a session, sees the ticket, and cancels', async () => {
  const page = await newPage();
  await signIn(page, 'learner@demo.lotse.de', 'demo-lotse-2026');
  await page.goto(`${BASE}/angebote?kind=module`);
  await Promise.all([page.waitForURL(/\/angebote\/[0-9a-f-]{36}$/), page.locator('#ergebnisse .card-title a').first().click()]);
  const offering = page.url();
  // Keyboard only: focus the first booking button and press Enter.
  const button = page.locator('.session-book button').last();
  await button.focus();
  await Promise.all([page.waitForURL(/\/konto\/anmeldungen\?hinweis=/), page.keyboard.press('Enter')]);
  assert.match(await page.locator('.notice').first().textContent(), /bestätigt|Warteliste/);
  await assertAccessible(page, '/konto/anmeldungen');
  const ticket = await page.locator('code').first().textContent();
  assert.match(ticket, /^[A-Z2-9]{20}$/);
  await Promise.all([page.waitForURL(/hinweis=storniert/), page.getByRole('button', { name: /Abmelden/ }).first().click()]);
  assert.match(await page.locator('main').textContent(), /Storniert/);
  await page.goto(offering);
  await assertAccessible(page, 'offering page signed in');
  await page.context().close();
});

test('a learner follows their learning path to a verified credential', async () => {
  const page = await newPage({ viewport: { width: 768, height: 1024 } });
  await signIn(page, 'learner@demo.lotse.de', 'demo-lotse-2026');
  await page.goto(`${BASE}/konto`);
  // Keyboard only: focus the link to the learning path and press Enter.
  await page.getByRole('link', { name: 'Mein Lernweg' }).focus();
  await Promise.all([page.waitForURL(/\/konto\/lernweg$/), page.keyboard.press('Enter')]);
  const completed = page.locator('section.learning-path', { hasText: 'Fachkraft Logistik 4.0' });
  assert.equal(await completed.locator('progress').getAttribute('value'), '100');
  assert.match(await completed.textContent(), /Abgeschlossen/);
  await assertAccessible(page, '/konto/lernweg');
  // The demo's credentials are signed at start; wait for the signer if it is not done.
  const link = completed.getByRole('link', { name: /Nachweis ansehen/ });
  for (let i = 0; i < 20 && await link.count() === 0; i++) {
    await new Promise((r) => setTimeout(r, 500));
    await page.reload();
  }
  await Promise.all([page.waitForURL(/\/nachweise\/[0-9a-f-]{36}$/), link.click()]);
  for (let i = 0; i < 20 && !/Gültig/.test(await page.locator('.verdict').textContent()); i++) {
    await new Promise((r) => setTimeout(r, 500));
    await page.reload();
  }
  assert.match(await page.locator('.verdict').textContent(), /Gültig/);
  assert.match(await page.locator('main').textContent(), /Fachkraft Logistik 4\.0/);
  await assertAccessible(page, '/nachweise/{id}');
  // The certificate: a PDF, linked from the page.
  const pdf = await page.getByRole('link', { name: 'Zertifikat (PDF)' }).getAttribute('href');
  const certificate = await page.request.get(`${BASE}${pdf}`);
  assert.equal(certificate.headers()['content-type'], 'application/pdf');
  assert.equal((await certificate.body()).subarray(0, 5).toString(), '%PDF-');
  const json = await page.getByRole('link', { name: /Open Badge \(JSON\)/ }).getAttribute('href');
  const credential = await (await page.request.get(`${BASE}${json}`)).json();
  assert.deepEqual(credential.type, ['VerifiableCredential', 'OpenBadgeCredential']);
  assert.equal(credential.proof[0].cryptosuite, 'eddsa-rdfc-2022');
  // Anyone may open the page; an unknown id says so.
  const visitor = await newPage({ viewport: { width: 390, height: 844 } });
  await visitor.goto(page.url());
  await assertAccessible(visitor, '/nachweise/{id} anonymous on a phone');
  await assertNoSidewaysScroll(visitor, '/nachweise/{id}', 'nachweis');
  const unknown = await visitor.goto(`${BASE}/nachweise/00000000-0000-7000-8000-000000000000`);
  assert.equal(unknown.status(), 404);
  assert.match(await visitor.locator('.verdict').textContent(), /Unbekannt/);
  await assertAccessible(visitor, 'an unknown credential');
  await visitor.context().close();
  await page.context().close();
});

test('staff shape a qualification in the editor with the keyboard', async () => {
  const page = await newPage();
  await signIn(page, 'staff@demo.lotse.de', 'demo-lotse-2026');
  await page.goto(`${BASE}/redaktion`);
  await Promise.all([page.waitForURL(/\/redaktion\/qualifizierungen$/), page.getByRole('link', { name: 'Qualifizierungspfade' }).click()]);
  await assertAccessible(page, '/redaktion/qualifizierungen');
  await Promise.all([page.waitForURL(/\/neu$/), page.getByRole('link', { name: 'Neuer Qualifizierungspfad' }).click()]);
  await page.getByLabel('Titel').fill('Browser-Pfad');
  await page.getByLabel('Stunden insgesamt').fill('1');
  await page.getByLabel('Kurzbeschreibung').fill('Kurz.');
  await page.getByLabel('Beschreibung', { exact: true }).fill('Lang.');
  // The first module's fieldset: "Pflichtmodul" by keyboard (space checks a radio).
  const first = page.locator('.module-roles fieldset').first();
  await first.getByLabel('Pflichtmodul').focus();
  await page.keyboard.press('Space');
  await assertAccessible(page, '/redaktion/qualifizierungen/neu');
  await Promise.all([page.waitForURL(/hinweis=angelegt/), page.getByRole('button', { name: 'Qualifizierungspfad speichern' }).click()]);
  assert.match(await page.locator('main').textContent(), /Fassung 1/);
  await assertAccessible(page, 'a qualification in the editor');
  await page.context().close();
});

test('staff find a template mistake before it reaches a certificate', async () => {
  const page = await newPage({ viewport: { width: 1024, height: 768 } });
  await signIn(page, 'staff@demo.lotse.de', 'demo-lotse-2026');
  await page.goto(`${BASE}/redaktion`);
  await Promise.all([page.waitForURL(/\/redaktion\/vorlagen$/), page.getByRole('link', { name: 'Dokumentvorlagen' }).click()]);
  await assertAccessible(page, '/redaktion/vorlagen');
  await Promise.all([page.waitForURL(/\/vorlagen\/zertifikat$/), page.getByRole('link', { name: 'Zertifikat eines Nachweises' }).click()]);
  await assertAccessible(page, '/redaktion/vorlagen/zertifikat');
  const source = page.getByLabel('Vorlage (typst)');
  await source.fill(`${await source.inputValue()}\n#inputs.hoehe`);
  await page.getByRole('button', { name: 'Prüfen und speichern' }).click();
  await page.waitForSelector('#template-problem');
  assert.match(await page.locator('#template-problem').textContent(), /vorlage\.typ:\d+:\d+: .*hoehe/);
  assert.match(await source.inputValue(), /#inputs\.hoehe$/, 'the text sent is kept for correcting');
  assert.equal(await source.getAttribute('aria-invalid'), 'true');
  await assertAccessible(page, 'a template with a mistake');
  await page.goto(`${BASE}/redaktion/vorlagen`);
  assert.equal(await page.locator('main tbody tr', { hasText: 'mitgelieferte Vorlage' }).count(), 2, 'nothing was saved');
  await page.context().close();
});

test('staff check a participant in by typed ticket code on a tablet', async () => {
  const learner = await newPage();
  await signIn(learner, 'learner@demo.lotse.de', 'demo-lotse-2026');
  await learner.goto(`${BASE}/angebote?kind=workshop`);
  await Promise.all([learner.waitForURL(/\/angebote\/[0-9a-f-]{36}$/), learner.locator('#ergebnisse .card-title a').first().click()]);
  await Promise.all([learner.waitForURL(/\/konto\/anmeldungen/), learner.locator('.session-book button').first().click()]);
  const booked = learner.locator('.session', { has: learner.locator('code') }).first();
  const ticket = (await booked.locator('code').textContent()).trim();
  const offeringTitle = (await booked.locator('.session-when a').textContent()).trim();
  await learner.context().close();

  const staff = await newPage({ viewport: { width: 768, height: 1024 } });
  await signIn(staff, 'staff@demo.lotse.de', 'demo-lotse-2026');
  await staff.goto(`${BASE}/redaktion`);
  await staff.getByRole('link', { name: offeringTitle }).first().click();
  await staff.waitForURL(/\/redaktion\/angebote\//);
  // Open the session Lena booked: the one whose list shows her as confirmed.
  const sessions = await staff.locator('.plain a').evaluateAll((links) => links.map((a) => a.href));
  let found = false;
  for (const href of sessions) {
    await staff.goto(href);
    if (/Lena Lernende\s*Bestätigt/.test(await staff.locator('table').textContent())) { found = true; break; }
  }
  assert.ok(found, 'no session lists Lena as confirmed');
  await assertAccessible(staff, 'check-in page');
  // A second tablet at the door shows the same list.
  const door = await staff.context().newPage();
  await door.setViewportSize({ width: 1024, height: 768 });
  await door.goto(staff.url());
  assert.match(await door.locator('.counts').textContent(), /^0 anwesend/);
  await staff.evaluate(() => { window.stillThisPage = true; });
  // The ticket field has the focus, so a USB scanner can type straight into it.
  assert.equal(await staff.evaluate(() => document.activeElement.id), 'f-ticket');
  await staff.keyboard.type(ticket.toLowerCase());
  await staff.keyboard.press('Enter');
  await staff.waitForFunction(() => /ist eingecheckt/.test(document.getElementById('checkin-result').textContent));
  assert.match(await staff.locator('.checkin-result').textContent(), /Lena Lernende ist eingecheckt/);
  assert.match(await staff.locator('.counts').textContent(), /^1 anwesend/);
  // Checked in without leaving the page; the field is empty and focused for the next one.
  assert.equal(await staff.evaluate(() => window.stillThisPage), true);
  assert.equal(await staff.getByLabel('Ticketcode').inputValue(), '');
  assert.equal(await staff.evaluate(() => document.activeElement.id), 'f-ticket');
  await staff.keyboard.type(ticket);
  await staff.keyboard.press('Enter');
  await staff.waitForFunction(() => /bereits eingecheckt/.test(document.getElementById('checkin-result').textContent));
  await staff.getByLabel('Ticketcode').fill('FALSCH-123');
  await staff.keyboard.press('Enter');
  await staff.waitForFunction(() => /Unbekannter/.test(document.getElementById('checkin-result').textContent));
  assert.match(await staff.locator('.checkin-result').getAttribute('class'), /error/);
  await assertAccessible(staff, 'check-in page after a check-in');
  // The door tablet catches up by itself within a few seconds, without a reload.
  await door.waitForFunction(() => /^1 anwesend/.test(document.getElementById('checkin-counts').textContent), null, { timeout: 15000 });
  assert.match(await door.locator('#checkin-rows').textContent(), /Lena Lernende\s*Teilgenommen/);
  // Without a BarcodeDetector (Chromium on Linux has none) the camera button stays hidden.
  if (!(await door.evaluate(() => 'BarcodeDetector' in window))) {
    assert.equal(await door.locator('#checkin-scanner').isVisible(), false);
  }
  await staff.context().close();
});

test('a company admin registers two employees at once and sees our registrations', async () => {
  const page = await newPage();
  await signIn(page, 'company@demo.lotse.de', 'demo-lotse-2026');
  await page.goto(`${BASE}/angebote?kind=info_event`);
  await Promise.all([page.waitForURL(/\/angebote\/[0-9a-f-]{36}$/), page.locator('#ergebnisse .card-title a').first().click()]);
  await Promise.all([page.waitForURL(/\/konto\/unternehmen\/buchen/), page.getByRole('link', { name: 'Beschäftigte anmelden' }).first().click()]);
  await assertAccessible(page, 'company booking');
  const boxes = page.locator('input[name=participants]');
  assert.equal(await boxes.count(), 2);
  await boxes.nth(0).check();
  await boxes.nth(1).check();
  await page.getByRole('button', { name: 'Ausgewählte anmelden' }).click();
  await page.waitForSelector('.notice li');
  assert.equal(await page.locator('.notice li').count(), 2, 'each participant gets a result');
  await Promise.all([page.waitForURL(/\/anmeldungen$/), page.getByRole('link', { name: 'Unsere Anmeldungen' }).click()]);
  assert.match(await page.locator('table').textContent(), /Lena Lernende/);
  await assertAccessible(page, 'our registrations');
  await page.context().close();
});

test('a cancellation moves the waitlist: the next person sees the seat', async () => {
  // Staff schedule a one-seat session far ahead, so it is the first row of each list.
  const staff = await newPage();
  await signIn(staff, 'staff@demo.lotse.de', 'demo-lotse-2026');
  const offerings = await (await staff.request.get(`${BASE}/api/v1/offerings?kind=webinar&limit=1`)).json();
  const created = await staff.request.post(`${BASE}/api/v1/offerings/${offerings.items[0].id}/sessions`, {
    headers: { origin: BASE },
    data: { starts_at: '2032-06-01T10:00', ends_at: '2032-06-01T11:00', capacity: 1, online_link: 'https://konferenz.example.org/eins' },
  });
  assert.equal(created.status(), 201);
  const session = (await created.json()).id;
  await staff.context().close();

  const first = await newPage();
  await signIn(first, 'learner@demo.lotse.de', 'demo-lotse-2026');
  const booked = await first.request.post(`${BASE}/api/v1/sessions/${session}/registrations`, { headers: { origin: BASE } });
  assert.equal((await booked.json()).items[0].status, 'confirmed');
  const second = await newPage();
  await signIn(second, 'company@demo.lotse.de', 'demo-lotse-2026');
  const waiting = await second.request.post(`${BASE}/api/v1/sessions/${session}/registrations`, { headers: { origin: BASE } });
  assert.equal((await waiting.json()).items[0].waitlist_position, 1);
  const waitingId = (await waiting.json()).items[0].id;
  const row = (page) => page.locator('.session', { hasText: '1. Juni 2032' });
  await second.goto(`${BASE}/konto/anmeldungen`);
  assert.match(await row(second).filter({ hasText: 'Warteliste' }).first().textContent(), /Warteliste, Platz 1/);

  await first.goto(`${BASE}/konto/anmeldungen`);
  const mine = row(first).filter({ has: first.getByRole('button', { name: /Abmelden/ }) });
  await Promise.all([first.waitForURL(/hinweis=storniert/), mine.last().getByRole('button', { name: /Abmelden/ }).click()]);
  await second.reload();
  const promoted = row(second).filter({ hasText: 'Bestätigt' }).first();
  assert.match(await promoted.locator('code').textContent(), /^[A-Z2-9]{20}$/);
  const after = await (await second.request.get(`${BASE}/api/v1/me/registrations`)).json();
  assert.equal(after.items.find((r) => r.id === waitingId).status, 'confirmed', 'the waiting registration was not promoted');
  await first.context().close();
  await second.context().close();
});

test('a learner evaluates last week\'s module from the mailed link; staff and the funder read the dashboard', async () => {
  // The demo's learner attended a module last week: lotse mailed them the evaluation.
  const path = await mailedLink('learner@demo.lotse.de', '/bewertung/');
  const page = await newPage({ viewport: { width: 390, height: 844 } });
  await page.goto(`${BASE}${path}`);
  await assertAccessible(page, '/bewertung/… (form)');
  await page.getByRole('button', { name: 'Bewertung absenden' }).click();
  await page.waitForSelector('.notice.error');
  assert.equal(await page.locator('input[type=radio][aria-invalid=true]').count(), 15, 'three unanswered ratings');
  await assertAccessible(page, '/bewertung/… (mistakes)');
  // Keyboard only: a radio group takes arrow keys, the text area typing.
  await page.getByRole('group', { name: 'Das Thema ist für meine Arbeit relevant.' }).getByLabel('5 – trifft voll zu').check();
  await page.getByRole('group', { name: /Die Veranstaltung war gut gemacht/ }).getByLabel('4 – trifft eher zu').focus();
  await page.keyboard.press('Space');
  await page.getByRole('group', { name: 'Ich kann das Gelernte in meinem Unternehmen anwenden.' }).getByLabel('3 – teils, teils').check();
  await page.getByLabel('Was werden Sie anwenden? (freiwillig)').fill('Lagerplätze mit Barcodes erfassen');
  await Promise.all([page.waitForLoadState(), page.getByRole('button', { name: 'Bewertung absenden' }).click()]);
  await page.getByRole('heading', { name: 'Danke für Ihre Bewertung' }).waitFor();
  await assertAccessible(page, '/bewertung/… (thanks)');
  await page.goto(`${BASE}${path}`);
  await page.getByRole('heading', { name: 'Schon beantwortet' }).waitFor();
  await page.context().close();

  const staff = await newPage();
  await signIn(staff, 'staff@demo.lotse.de', 'demo-lotse-2026');
  await staff.goto(`${BASE}/konto`);
  await Promise.all([staff.waitForURL(/\/auswertung$/), staff.getByRole('link', { name: 'Kennzahlen und Auswertung' }).click()]);
  await assertAccessible(staff, '/auswertung as staff');
  // The last eight weeks hold last week's module (also early in January).
  const day = (offset) => new Date(Date.now() + offset * 86400000).toISOString().slice(0, 10);
  await staff.goto(`${BASE}/auswertung?from=${day(-56)}&to=${day(0)}`);
  assert.equal(await staff.locator('svg path.county').count(), 18, 'every county on the map');
  const evaluations = staff.locator('table', { has: staff.locator('caption', { hasText: 'Bewertungen nach Angebot' }) });
  assert.deepEqual((await evaluations.locator('tfoot td').allTextContents()).slice(0, 3), ['1', '1', '100 %']);
  // A reversed period is refused on the form, in words.
  await staff.getByLabel('Von').fill('2026-12-31');
  await staff.getByLabel('Bis (einschließlich)').fill('2026-01-01');
  await Promise.all([staff.waitForLoadState(), staff.getByRole('button', { name: 'Anzeigen' }).click()]);
  await staff.getByText('das Ende liegt vor dem Anfang').waitFor();
  assert.equal(await staff.getByLabel('Bis (einschließlich)').getAttribute('aria-invalid'), 'true');
  await assertAccessible(staff, '/auswertung with a reversed period');
  await staff.context().close();

  // The funder reads the same page with small figures hidden.
  const funder = await newPage({ viewport: { width: 768, height: 1024 } });
  await signIn(funder, 'funder@demo.lotse.de', 'demo-lotse-2026');
  await funder.goto(`${BASE}/auswertung`);
  await funder.locator('p.notice', { hasText: 'Werte unter 5 stehen als „< 5“' }).waitFor();
  assert.ok((await funder.locator('.tile-value').allTextContents()).includes('< 5'));
  await assertAccessible(funder, '/auswertung as funder');
  await funder.context().close();
});

/** Fails when the page scrolls sideways at its viewport; keeps a full-page screenshot. */
async function assertNoSidewaysScroll(page, label, shot) {
  const { width, height } = page.viewportSize();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.ok(overflow <= 0, `${label} scrolls sideways by ${overflow}px at ${width}×${height}`);
  await page.screenshot({ path: `${SHOTS}/${shot}-${width}x${height}.png`, fullPage: true });
}

/** The roles whose signed-in pages the layout check visits, in this order. */
const SIGNED_IN = [['company', 'company@demo.lotse.de'], ['staff', 'staff@demo.lotse.de'],
  ['admin', 'admin@demo.lotse.de'], ['partner', 'partner@demo.lotse.de'], ['funder', 'funder@demo.lotse.de']];

/**
 * The pages a signed-in role reaches, as [name, path], found from the pages' own links.
 * The company admin's employees are registered for the first information event (unless
 * they already are), so that the company's registrations and that session's check-in
 * list have rows; `found.session` hands the session on to staff.
 */
async function signedInPages(page, role, found) {
  const pages = [['konto', '/konto']];
  if (role === 'company') {
    const registrations = await page.locator('a[href^="/konto/unternehmen/"][href$="/anmeldungen"]').first().getAttribute('href');
    await page.goto(`${BASE}/angebote?kind=info_event`);
    await Promise.all([page.waitForURL(/\/angebote\/[0-9a-f-]{36}$/), page.locator('#ergebnisse .card-title a').first().click()]);
    const booking = await page.getByRole('link', { name: 'Beschäftigte anmelden' }).first().getAttribute('href');
    found.session = new URL(booking, BASE).searchParams.get('termin');
    await page.goto(`${BASE}${registrations}`);
    if (await page.locator('tbody tr').count() === 0) {
      await page.goto(`${BASE}${booking}`);
      const boxes = page.locator('input[name=participants]');
      for (let i = 0; i < await boxes.count(); i++) await boxes.nth(i).check();
      await page.getByRole('button', { name: 'Ausgewählte anmelden' }).click();
      await page.waitForSelector('.notice li');
    }
    pages.push(['anmeldungen', '/konto/anmeldungen'], ['unternehmen-buchen', booking],
      ['unternehmen-anmeldungen', registrations], ['lernweg', '/konto/lernweg'],
      ['lernfortschritt', registrations.replace(/anmeldungen$/, 'lernfortschritt')]);
  }
  if (role === 'staff' || role === 'admin') pages.push(['verwaltung', '/verwaltung']);
  if (role === 'staff' || role === 'partner' || role === 'funder') pages.push(['auswertung', '/auswertung']);
  if (role === 'staff' || role === 'partner') {
    await page.goto(`${BASE}/redaktion`);
    const offering = await page.locator('main table a').first().getAttribute('href');
    pages.push(['redaktion', '/redaktion'], ['redaktion-neu', '/redaktion/angebote/neu'],
      ['redaktion-angebot', offering], ['webhooks', '/redaktion/webhooks'],
      ['import', '/redaktion/import']);
  }
  if (role === 'staff') {
    assert.ok(found.session, 'the company admin found no session to book');
    pages.push(['checkin', `/redaktion/termine/${found.session}`],
      ['qualifizierungen', '/redaktion/qualifizierungen'],
      ['qualifizierung-neu', '/redaktion/qualifizierungen/neu'],
      ['vorlagen', '/redaktion/vorlagen'], ['vorlage', '/redaktion/vorlagen/zertifikat']);
  }
  return pages;
}

for (const [width, height] of [[768, 1024], [1024, 768], [390, 844]]) {
  test(`layout at ${width}×${height} has no horizontal scrolling`, async () => {
    const page = await newPage({ viewport: { width, height } });
    await page.goto(`${BASE}/angebote?kind=module`);
    const offering = await page.locator('#ergebnisse .card-title a').first().getAttribute('href');
    await page.goto(`${BASE}/qualifizierungen`);
    const qualification = await page.locator('.card-title a').first().getAttribute('href');
    for (const [name, path] of [['start', '/'], ['angebote', '/angebote'], ['angebot', offering],
      ['qualifizierung', qualification], ['partner', '/partner'], ['api-docs', '/api/docs'],
      ['suche', '/angebote?q=Digitalisierung%20Daten'],
      ['herausforderung', '/herausforderung?text=Unser%20Lager%20ist%20chaotisch'],
      ['anmelden', '/anmelden'], ['registrieren', '/registrieren']]) {
      await page.goto(`${BASE}${path}`);
      await assertNoSidewaysScroll(page, path, name);
    }
    await page.context().close();
    // Every signed-in page too, for each role that reaches it; on a phone also with axe,
    // since tables there turn into cards.
    const found = {};
    for (const [role, email] of SIGNED_IN) {
      const signedIn = await newPage({ viewport: { width, height } });
      await signIn(signedIn, email, 'demo-lotse-2026');
      for (const [name, path] of await signedInPages(signedIn, role, found)) {
        await signedIn.goto(`${BASE}${path}`);
        await assertNoSidewaysScroll(signedIn, `${path} as ${role}`, `${role}-${name}`);
        if (width < 500) await assertAccessible(signedIn, `${path} as ${role} at ${width}×${height}`);
      }
      await signedIn.context().close();
    }
  });
}

test('a company member goes from the start page through the check to a recommended session', async () => {
  const page = await newPage({ viewport: { width: 768, height: 1024 } });
  await signIn(page, 'learner@demo.lotse.de', 'demo-lotse-2026');
  await page.goto(`${BASE}/`);
  await Promise.all([page.waitForURL(/\/check$/), page.locator('a.entry[href="/check"]').click()]);
  await assertAccessible(page, '/check');
  assert.match(await page.locator('main').textContent(), /Das Ergebnis wird für .* gespeichert/);
  await Promise.all([page.waitForURL(/\/check\/[0-9a-f-]{36}\/schritt\/1$/), page.getByRole('button', { name: 'Check starten' }).click()]);
  assert.match(await page.locator('.check-progress label').textContent(), /Schritt 1 von 6/);
  await assertAccessible(page, 'check step 1');

  // "Next" without answers: each open question is marked, nothing is lost.
  await page.getByRole('button', { name: 'Weiter' }).click();
  await page.waitForSelector('.check-item.has-error');
  assert.ok(await page.locator('.check-item.has-error').count() >= 4);
  await assertAccessible(page, 'check step with errors');

  /** Answers every question of the step: the first choice of each, by keyboard. */
  async function answerStep(choice) {
    const items = page.locator('fieldset.check-item:not(.check-importance)');
    const count = await items.count();
    for (let i = 0; i < count; i++) {
      const item = items.nth(i);
      const inputs = item.locator('input');
      const type = await inputs.first().getAttribute('type');
      if (type === 'radio') {
        const n = await inputs.count();
        const pick = inputs.nth(Math.min(choice, n - 2));
        await pick.focus();
        await page.keyboard.press('Space');
      }
    }
  }
  await answerStep(0);
  await Promise.all([page.waitForURL(/schritt\/2$/), page.getByRole('button', { name: 'Weiter' }).click()]);
  // Going back keeps the answers of step 1.
  await answerStep(2);
  await Promise.all([page.waitForURL(/schritt\/1$/), page.getByRole('button', { name: 'Zurück' }).click()]);
  assert.equal(await page.locator('input[name=strategy_roadmap][value=no]').isChecked(), true);
  // Resuming from the start page's link works as well.
  await page.goto(`${BASE}/check`);
  await Promise.all([page.waitForURL(/schritt\/1$/), page.getByRole('link', { name: 'Angefangenen Check fortsetzen' }).click()]);
  assert.equal(await page.locator('input[name=strategy_roadmap][value=no]').isChecked(), true);
  await answerStep(2);
  await Promise.all([page.waitForURL(/schritt\/2$/), page.getByRole('button', { name: 'Weiter' }).click()]);
  assert.equal(await page.locator('input[name=readiness_cloud][value="2"]').isChecked(), true);
  for (let step = 2; step <= 6; step++) {
    await answerStep(step === 5 ? 0 : 2);
    const label = step === 6 ? 'Auswerten' : 'Weiter';
    await Promise.all([page.waitForURL(step === 6 ? /ergebnis$/ : new RegExp(`schritt/${step + 1}$`)), page.getByRole('button', { name: label }).click()]);
  }
  await page.setViewportSize({ width: 1024, height: 768 });
  await assertAccessible(page, 'check result');
  assert.match(await page.locator('.check-score').textContent(), /von 100/);
  assert.equal(await page.locator('svg.radar').count(), 1);
  assert.equal(await page.locator('.check-table tbody tr').count(), 7);
  const recommendations = page.locator('.check-recommendations > li');
  const n = await recommendations.count();
  assert.ok(n >= 3 && n <= 7, `${n} recommendations`);
  // Automation and AI was answered lowest: it leads the recommendations.
  assert.match(await recommendations.first().textContent(), /Automatisierung und KI/);
  await Promise.all([page.waitForURL(/\/angebote\/[0-9a-f-]{36}/), recommendations.first().getByRole('link', { name: /Termine ansehen/ }).click()]);
  assert.ok(await page.locator('.session-book button').count() > 0, 'the recommended offering has a bookable session');
  await page.context().close();
});

// Last: every page axe saw, as the browser holds it, is valid HTML for the W3C Nu
// checker (the standard's own validator; it runs on Java).
test('every visited page passes the W3C Nu HTML checker', () => {
  assert.ok(checkedPages > 10, `only ${checkedPages} pages were kept`);
  let java = true;
  try { execFileSync('java', ['-version'], { stdio: 'ignore' }); } catch { java = false; }
  if (!java) {
    assert.notEqual(process.env.CI, 'true', 'CI=true but java is missing for the Nu HTML checker');
    console.log('skipped: java missing (apt-get install default-jre-headless); HTML not validated');
    return;
  }
  const jar = require('vnu-jar');
  const files = readdirSync(CHECKED).map((f) => join(CHECKED, f));
  try {
    execFileSync('java', ['-jar', jar, '--errors-only', ...files], { stdio: 'pipe' });
  } catch (e) {
    assert.fail(`the Nu HTML checker found errors:\n${e.stderr}`);
  }
});

// Structured data against the schema.org vocabulary: every JSON-LD block of the start
// page, a module's and a webinar's page, and any visited page, is compiled as
// TypeScript against Google's schema-dts types (generated from the vocabulary), which
// refuse unknown types, unknown properties and values outside an enumeration.
test('structured data is valid schema.org (schema-dts and the TypeScript compiler)', async () => {
  const paths = ['/'];
  for (const kind of ['module', 'webinar', 'info_event']) {
    const list = await (await fetch(`${BASE}/api/v1/offerings?kind=${kind}&limit=1`)).json();
    if (list.items.length > 0) paths.push(`/angebote/${list.items[0].id}`);
  }
  const pages = await Promise.all(paths.map(async (p) => (await fetch(`${BASE}${p}`)).text()));
  pages.push(...readdirSync(CHECKED).map((f) => readFileSync(join(CHECKED, f), 'utf8')));
  const blocks = [];
  for (const html of pages) {
    for (const m of html.matchAll(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/g)) {
      const value = JSON.parse(m[1]);
      blocks.push(...(Array.isArray(value) ? value : [value]));
    }
  }
  // The open feed's first page, a DataFeed of the same objects.
  const feed = await (await fetch(`${BASE}/api/v1/feed/offerings?limit=20`)).json();
  assert.equal(feed['@type'], 'DataFeed');
  assert.ok(feed.dataFeedElement.length > 0, 'the feed is empty');
  blocks.push(feed);
  const types = new Set(blocks.map((b) => b['@type']));
  for (const t of ['Organization', 'Course', 'EducationEvent']) assert.ok(types.has(t), `no ${t} found`);
  const dir = mkdtempSync(join(tmpdir(), 'lotse-e2e-ld-'));
  writeFileSync(join(dir, 'check.ts'), [
    "import type { Thing, WithContext } from 'schema-dts';",
    ...blocks.map((b, i) => `export const block${i}: WithContext<Thing> = ${JSON.stringify(b)};`),
  ].join('\n'));
  writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({
    compilerOptions: {
      strict: true, noEmit: true, skipLibCheck: true, types: [], target: 'es2020', module: 'es2020',
      moduleResolution: 'node', baseUrl: new URL('./node_modules', import.meta.url).pathname,
    },
    files: ['check.ts'],
  }));
  try {
    execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', join(dir, 'tsconfig.json')], { stdio: 'pipe' });
  } catch (e) {
    assert.fail(`schema.org check failed for ${blocks.length} blocks:\n${e.stdout}${e.stderr}`);
  }
});
