#!/usr/bin/env node
// Stack traces name the src/ files and lines, through the bundle's source maps (DESIGN.md,
// The build). Turned on before the bundle loads, hence the dynamic import.
process.setSourceMapsEnabled(true);
const { main } = await import('../dist/bundle/teiki.js');

process.exitCode = await main(process.argv.slice(2));
