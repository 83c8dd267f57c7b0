import { defineConfig } from 'vite'
import vue from '@vitejs/plugin-vue'

// The C++ server (`fanzha serve`) serves web/dist and /api on one origin; in
// development the Vite server stands in for the static half and proxies /api.
export default defineConfig({
  plugins: [vue()],
  base: '/',
  server: {
    port: 5173,
    proxy: {
      '/api': { target: 'http://127.0.0.1:8080', changeOrigin: false },
    },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // Element Plus is imported whole (it is the whole UI kit of an internal tool);
    // it gets its own long-cached chunk, which is larger than Vite's default warning.
    chunkSizeWarningLimit: 1200,
    rollupOptions: {
      output: {
        manualChunks(id: string) {
          if (!id.includes('node_modules')) {
            return undefined
          }
          if (id.includes('echarts') || id.includes('zrender')) {
            return 'echarts'
          }
          if (id.includes('element-plus') || id.includes('@element-plus')) {
            return 'element-plus'
          }
          return 'vendor'
        },
      },
    },
  },
})
