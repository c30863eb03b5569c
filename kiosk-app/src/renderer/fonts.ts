/**
 * Be Vietnam Pro, bundled with the app: a kiosk PC or tablet may have no font with good
 * Vietnamese diacritics, and the centre's network may have no internet.
 */
import regular from '@expo-google-fonts/be-vietnam-pro/400Regular/BeVietnamPro_400Regular.ttf?url';
import semiBold from '@expo-google-fonts/be-vietnam-pro/600SemiBold/BeVietnamPro_600SemiBold.ttf?url';
import bold from '@expo-google-fonts/be-vietnam-pro/700Bold/BeVietnamPro_700Bold.ttf?url';
import extraBold from '@expo-google-fonts/be-vietnam-pro/800ExtraBold/BeVietnamPro_800ExtraBold.ttf?url';

/**
 * Through the FontFace API rather than a `<style>` element: the server's Content-Security-Policy
 * allows no inline style, and fonts loaded this way answer to `font-src 'self'` only.
 */
export function installFonts(doc: Document): void {
  const faces = [
    [regular, '400'],
    [semiBold, '600'],
    [bold, '700'],
    [extraBold, '800'],
  ] as const;
  for (const [url, weight] of faces) {
    const face = new FontFace('Be Vietnam Pro', `url("${url}") format("truetype")`, { weight, style: 'normal', display: 'block' });
    doc.fonts.add(face);
    void face.load().catch(() => undefined);
  }
}
