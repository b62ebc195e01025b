// Query semantics come from mingo, the MongoDB query language for in-memory
// objects; script operators ($where, $function) are off: filters are data, never code.
export { compileFilter } from './execute';
