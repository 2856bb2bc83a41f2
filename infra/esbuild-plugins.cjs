// serverless-esbuild `plugins:` file: the plugins to build every function with.
module.exports = require('./bundling.cjs').esbuildPlugins
