/// <reference types="@tarojs/taro" />

declare module '*.png'
declare module '*.svg'
declare module '*.css'
declare module '*.scss'

/** API base URL, fixed at build time (config/index.ts → defineConstants). '' on H5. */
declare const HUIYUAN_API_BASE: string

declare namespace NodeJS {
  interface ProcessEnv {
    TARO_ENV: 'weapp' | 'h5' | 'swan' | 'alipay' | 'tt' | 'qq' | 'jd' | 'harmony' | 'rn'
    NODE_ENV: 'development' | 'production' | 'test'
  }
}
