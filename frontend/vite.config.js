import { fileURLToPath, URL } from 'node:url'
import { defineConfig } from 'vite'
import vue from '@vitejs/plugin-vue'

const here = (path) => fileURLToPath(new URL(path, import.meta.url))

// Two portals from one code base: the user portal at / and the admin portal at /admin/.
// Relative asset paths let the same dist/ be served from any origin or sub-path.
export default defineConfig({
  base: './',
  plugins: [vue()],
  resolve: { alias: { '@': here('./src') } },
  build: {
    outDir: 'dist',
    // Element Plus is imported whole on purpose (simple, cached once for both portals).
    chunkSizeWarningLimit: 1200,
    rollupOptions: {
      input: { main: here('./index.html'), admin: here('./admin/index.html'), docs: here('./docs.html') },
    },
  },
})
