// Driving the staff app's Ant Design controls the way a user does: by label,
// typing into searchable selects and picking the option shown.
import type { Page } from 'playwright-core';

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
