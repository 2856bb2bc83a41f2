import '@nutui/nutui-react-taro/dist/es/packages/checkbox/style/css'

export { default as Checkbox } from '@nutui/nutui-react-taro/dist/es/packages/checkbox/index'
