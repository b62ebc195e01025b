// Driving the staff app's Ant Design controls the way a user does: by label,
// typing into searchable selects and picking the option shown.
import type { Locator, Page } from 'playwright-core';

/** A reference select (rjsf field id or accessible name): type to search on the server, pick the option. */
export async function pickRef(page: Page, field: string, search: string, option: string): Promise<void> {
  const input = field.startsWith('#') ? page.locator(field) : page.getByRole('combobox', { name: field });
  await input.click();
  await input.fill(search);
  await page.locator(`.ant-select-dropdown:visible .ant-select-item-option[title="${option}"]`).click();
  await page.locator(`.ant-select-dropdown:visible`).waitFor({ state: 'hidden' });
}

/** An antd DatePicker by its rjsf id: type the date and confirm it. */
export async function fillDate(page: Page, id: string, date: string): Promise<void> {
  await page.locator(id).click();
  await page.locator(id).fill(date);
  await page.locator(id).press('Enter');
}

export const text = async (page: Page, selector: string): Promise<string | undefined> =>
  (await page.locator(selector).first().textContent())?.trim();

/**
 * Opens a Select and picks the option with this text, checked: the click the page got
 * must be on that option. Under load the list may still be opening, or be re-placed
 * (above the field, then below it once the page scrolls to the option) while the option
 * is pressed; press and release then land on different elements and nothing is picked,
 * or the release lands on a neighbour. Then it is picked again, as a person would.
 */
export async function pickOption(page: Page, select: Locator, option: string | RegExp): Promise<void> {
  const wanted = (text: string) =>
    typeof option === 'string' ? text.toLowerCase().includes(option.toLowerCase()) : option.test(text);
  for (let attempt = 1; ; attempt += 1) {
    await select.click();
    // A multiple select's list stays open after a pick, as it does for a person; the
    // list just opened is the last one in the page.
    const item = page
      .locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)')
      .last()
      .locator('.ant-select-item-option')
      .filter({ hasText: option })
      .first();
    await item.waitFor();
    // The next click the page gets, and the option it was on (if any).
    await page.evaluate(() => {
      const w = window as unknown as { pickedOption?: string | null };
      w.pickedOption = undefined;
      document.addEventListener(
        'click',
        (e) => {
          const on = e.target instanceof Element ? e.target.closest('.ant-select-item-option') : null;
          w.pickedOption = on ? (on.textContent ?? '').replace(/\s+/g, ' ').trim() : null;
        },
        { capture: true, once: true },
      );
    });
    await item.click();
    const picked = await page.evaluate(() => (window as unknown as { pickedOption?: string | null }).pickedOption);
    if (typeof picked === 'string' && wanted(picked)) return;
    if (attempt === 3) throw new Error(`pick: the option ${String(option)} was not picked after ${attempt} tries`);
    console.info(
      `pick: the click meant for ${String(option)} landed ${picked ? `on ${picked}` : 'off the list'}; again`,
    );
    // Closes the list if the click left it open; a wrong option picked is replaced by the next try.
    await page.keyboard.press('Escape');
  }
}

/** The value an antd Select shows, read from its combobox: what a person sees picked. */
export const shownValue = async (combobox: Locator): Promise<string> =>
  (
    await combobox.locator('xpath=ancestor::*[contains(concat(" ", @class, " "), " ant-select ")][1]').innerText()
  ).trim();
