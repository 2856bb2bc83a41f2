/**
 * The NutUI components the member pages use, each imported from its own module with its
 * own styles (never the whole library or dist/style.css: the main package must stay small).
 */
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css'
import '@nutui/nutui-react-taro/dist/es/packages/input/style/css'
import '@nutui/nutui-react-taro/dist/es/packages/checkbox/style/css'
import '@nutui/nutui-react-taro/dist/es/packages/radio/style/css'
import '@nutui/nutui-react-taro/dist/es/packages/radiogroup/style/css'
import '@nutui/nutui-react-taro/dist/es/packages/switch/style/css'
import '@nutui/nutui-react-taro/dist/es/packages/datepicker/style/css'
import '@nutui/nutui-react-taro/dist/es/packages/popup/style/css'
import '@nutui/nutui-react-taro/dist/es/packages/overlay/style/css'
import '@nutui/nutui-react-taro/dist/es/packages/progress/style/css'

export { default as Button } from '@nutui/nutui-react-taro/dist/es/packages/button/index'
export { default as Input } from '@nutui/nutui-react-taro/dist/es/packages/input/index'
export { default as Checkbox } from '@nutui/nutui-react-taro/dist/es/packages/checkbox/index'
export { default as Radio } from '@nutui/nutui-react-taro/dist/es/packages/radio/index'
export { default as Switch } from '@nutui/nutui-react-taro/dist/es/packages/switch/index'
export { default as DatePicker } from '@nutui/nutui-react-taro/dist/es/packages/datepicker/index'
export { default as Progress } from '@nutui/nutui-react-taro/dist/es/packages/progress/index'
