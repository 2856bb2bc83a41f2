import '@nutui/nutui-react-taro/dist/es/packages/datepicker/style/css'

export { default as DatePicker } from '@nutui/nutui-react-taro/dist/es/packages/datepicker/index'
