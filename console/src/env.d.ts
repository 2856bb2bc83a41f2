/// <reference types="vite/client" />

/** True in builds for the local stack: the development sign-in is offered. */
declare const __DEV_SIGNIN__: boolean

/** The API's origin: '' for the console's own origin (local), the HTTP API's URL on AWS. */
declare const __API_BASE__: string
