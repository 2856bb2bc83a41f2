import '@nutui/nutui-react-taro/dist/es/packages/radio/style/css'

export { default as Radio } from '@nutui/nutui-react-taro/dist/es/packages/radio/index'
