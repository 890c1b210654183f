// Module commands register themselves here (import their file for its side effect), so main.ts
// stays the same as modules come. Example: import '../../modules/identity/identity.cli';
export {};
import '../../modules/identity/identity.cli';
import './simulate';
