export function PrintTab() {
  return null;
}
