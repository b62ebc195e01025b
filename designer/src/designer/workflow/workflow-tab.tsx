export function WorkflowTab() {
  return null;
}
