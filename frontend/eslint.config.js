// eslint for frontend/src: the recommended JavaScript rules and eslint-plugin-vue's recommended Vue 3 rules.
import js from '@eslint/js'
import pluginVue from 'eslint-plugin-vue'
import globals from 'globals'

export default [
  { ignores: ['dist/**', 'node_modules/**'] },
  js.configs.recommended,
  ...pluginVue.configs['flat/recommended'],
  {
    files: ['src/**/*.{js,vue}'],
    languageOptions: {
      ecmaVersion: 'latest',
      sourceType: 'module',
      globals: { ...globals.browser },
    },
    rules: {
      // Layout rules off: the project keeps short templates on one line (STYLE.md), and these would re-wrap
      // some five thousand lines without catching a single bug.
      'vue/max-attributes-per-line': 'off',
      'vue/singleline-html-element-content-newline': 'off',
      'vue/multiline-html-element-content-newline': 'off',
      'vue/first-attribute-linebreak': 'off',
      'vue/html-closing-bracket-newline': 'off',
      'vue/html-indent': 'off',
      // A page is views/<page>/index.vue (the router names it); a one-word file name is the project's layout.
      'vue/multi-word-component-names': 'off',
      // `const { drop: _unused, ...rest } = obj` is how the code leaves a key out of a copy.
      'no-unused-vars': ['error', { ignoreRestSiblings: true }],
      // Forms and rule trees are reactive objects a parent hands down for its fields to fill in; replacing the
      // prop itself stays an error.
      'vue/no-mutating-props': ['error', { shallowOnly: true }],
      // The ideographic space (U+3000) is Chinese typography in template text; code and strings are still checked.
      'no-irregular-whitespace': 'off',
      'vue/no-irregular-whitespace': ['error', { skipHTMLTextContents: true }],
    },
  },
]
