// What a user does in the Playground's personal chat, as Playwright calls: type a message, wait for the bot's
// answer, fill the inputs of an Adaptive Card (rendered by the JS renderer, Fluent UI controls) and tap its
// Action.Execute buttons. Every wait polls what the user sees (the text of the messages), never a fixed sleep.
//
// Messages are the elements around each "Message header" of the chat; a message found once is tagged with
// data-walk-id so that a card updated in place can be found again (the Playground keeps the element when an
// invoke answers with a new card).

const ROW = 'xpath=//*[@aria-label="Message header"]/../..';

export class Chat {
  constructor(page, { timeoutMs = 30_000 } = {}) {
    this.page = page;
    this.timeoutMs = timeoutMs;
    this.nextId = 1;
  }

  /** Opens the personal chat with the bot. */
  async openPersonalChat() {
    await this.page.getByRole("treeitem", { name: "Personal Chat" }).click();
    await this.page.locator("[contenteditable=true]").first().waitFor();
  }

  /** Tags every message now in the chat as already seen, so the next wait only takes a new one. */
  async markSeen() {
    await this.page.locator(ROW).evaluateAll((rows) => rows.forEach((r) => { r.dataset.walkSeen = "1"; }));
  }

  /** Types `text` in the compose box and sends it; resolves to the bot's new message that contains `expect`. */
  async say(text, expect) {
    await this.markSeen();
    const box = this.page.locator("[contenteditable=true]").first();
    await box.click();
    await box.fill(text);
    await box.press("Enter");
    return this.waitForNew(expect, `an answer to “${text}”`);
  }

  /**
   * Waits until a bot message not seen before contains every one of `expect` (strings or regexes); returns it
   * as a Locator pinned by data-walk-id. Scrolls the chat down while waiting, as a user would.
   */
  async waitForNew(expect, what = "a new message", timeoutMs = this.timeoutMs, { includeSeen = false } = {}) {
    const wanted = [expect].flat();
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      await this.scrollToEnd();
      const texts = await this.page.locator(ROW).evaluateAll((rows, all) =>
        rows.map((r) => (r.dataset.walkSeen && !all ? null : r.innerText)), includeSeen);
      const index = texts.findLastIndex((t) => t !== null && matchesAll(t, wanted));
      if (index >= 0) return this.pin(this.page.locator(ROW).nth(index));
      if (Date.now() > deadline) {
        const fresh = texts.filter((t) => t !== null).map(clip);
        throw new Error(`waited ${timeoutMs / 1000} s for ${what} showing ${describe(wanted)}; new messages: ${fresh.length ? fresh.join(" | ") : "none"}`);
      }
      await this.page.waitForTimeout(250);
    }
  }

  /**
   * Waits until any message of the chat, however old, contains `expect`: for what the bot sends on its own
   * (notices, announcements, reminders), which may arrive while the walk was busy elsewhere.
   */
  waitForAny(expect, what, timeoutMs = this.timeoutMs) {
    return this.waitForNew(expect, what, timeoutMs, { includeSeen: true });
  }

  /** Waits until `message` (a pinned Locator) shows every one of `expect`; returns its text. */
  async waitForText(message, expect, what = "the card", timeoutMs = this.timeoutMs) {
    const wanted = [expect].flat();
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const text = await message.innerText().catch(() => "");
      if (matchesAll(text, wanted)) return text;
      if (Date.now() > deadline) {
        throw new Error(`waited ${timeoutMs / 1000} s for ${what} to show ${describe(wanted)}; it shows: ${clip(text)}`);
      }
      await this.page.waitForTimeout(250);
    }
  }

  async pin(locator) {
    const id = String(this.nextId++);
    await locator.evaluate((el, v) => { el.dataset.walkId = v; }, id);
    return this.page.locator(`[data-walk-id="${id}"]`);
  }

  /**
   * Taps the button `name` on the card in `message`. The answer is either the same card updated in place
   * (returned with inPlace: true) or a new message; both must show `expect`.
   */
  async tap(message, name, expect) {
    await this.markSeen();
    const before = await message.innerText();
    await message.getByRole("button", { name, exact: true }).click();
    const wanted = [expect].flat();
    const deadline = Date.now() + this.timeoutMs;
    for (;;) {
      await this.scrollToEnd();
      const now = await message.innerText().catch(() => "");
      if (now !== before && matchesAll(now, wanted)) return { message, inPlace: true, text: now };
      const texts = await this.page.locator(ROW).evaluateAll((rows) =>
        rows.map((r) => (r.dataset.walkSeen ? null : r.innerText)));
      const index = texts.findIndex((t) => t !== null && matchesAll(t, wanted));
      if (index >= 0) {
        const fresh = await this.pin(this.page.locator(ROW).nth(index));
        return { message: fresh, inPlace: false, text: texts[index] };
      }
      if (Date.now() > deadline) {
        throw new Error(`tapped “${name}” and waited ${this.timeoutMs / 1000} s for ${describe(wanted)}; the card shows: ${clip(now)}; new messages: ${texts.filter(Boolean).map(clip).join(" | ") || "none"}`);
      }
      await this.page.waitForTimeout(250);
    }
  }

  /** The input container that follows the label containing `label` on the card. */
  field(message, label) {
    return message.locator(`xpath=.//label[contains(normalize-space(.), ${xpathString(label)})]/following-sibling::*[contains(@class, "ac-input-container")][1]`).first();
  }

  /** Fills the text input (or text area, date, time or number input) labelled `label` on the card. */
  async fill(message, label, value) {
    const input = this.field(message, label).locator("input, textarea").first();
    await input.scrollIntoViewIfNeeded();
    await input.fill(String(value));
  }

  /**
   * Picks `option` in the choice set labelled `label`: a compact one (Fluent combobox, options in a popup)
   * or an expanded one (radio buttons or check boxes).
   */
  async choose(message, label, option) {
    const field = this.field(message, label);
    await field.scrollIntoViewIfNeeded();
    const combo = field.getByRole("combobox");
    if (await combo.count()) {
      await combo.first().click();
      const byRole = this.page.getByRole("option", { name: option, exact: true });
      await byRole.or(this.page.getByRole("menuitemcheckbox", { name: option, exact: true })).first().click();
      await this.page.keyboard.press("Escape").catch(() => {});
      return;
    }
    const radio = field.getByRole("radio", { name: option, exact: true });
    if (await radio.count()) {
      await radio.first().check();
      return;
    }
    await field.getByRole("checkbox", { name: option, exact: true }).first().check();
  }

  /** Sets the toggle (checkbox) labelled `label`. */
  async check(message, label, on = true) {
    const box = message.getByRole("checkbox", { name: label }).first();
    await box.scrollIntoViewIfNeeded();
    await box.setChecked(on);
  }

  /** Every link (text and href) on the card. */
  async links(message) {
    return message.locator("a[href]").evaluateAll((as) => as.map((a) => ({ text: a.innerText.trim(), href: a.href })));
  }

  async scrollToEnd() {
    await this.page.locator(ROW).last().scrollIntoViewIfNeeded({ timeout: 2000 }).catch(() => {});
  }

  /** Screenshot of the chat with `message` in view. */
  async shot(file, message) {
    if (message) await message.scrollIntoViewIfNeeded({ timeout: 2000 }).catch(() => {});
    await this.page.screenshot({ path: file });
  }
}

function xpathString(text) {
  return text.includes('"') ? `concat("${text.split('"').join(`", '"', "`)}")` : `"${text}"`;
}

function matchesAll(text, wanted) {
  return wanted.every((w) => (w instanceof RegExp ? w.test(text) : text.includes(w)));
}

function describe(wanted) {
  return wanted.map((w) => (w instanceof RegExp ? String(w) : `“${w}”`)).join(" and ");
}

function clip(text) {
  const flat = (text ?? "").replace(/\s+/g, " ").trim();
  return flat.length > 300 ? `${flat.slice(0, 300)}…` : flat;
}
