/**
 * Be Vietnam Pro, bundled with the app: a kiosk PC or tablet may have no font with good
 * Vietnamese diacritics, and the centre's network may have no internet.
 */
import regular from '@expo-google-fonts/be-vietnam-pro/400Regular/BeVietnamPro_400Regular.ttf?url';
import semiBold from '@expo-google-fonts/be-vietnam-pro/600SemiBold/BeVietnamPro_600SemiBold.ttf?url';
import bold from '@expo-google-fonts/be-vietnam-pro/700Bold/BeVietnamPro_700Bold.ttf?url';
import extraBold from '@expo-google-fonts/be-vietnam-pro/800ExtraBold/BeVietnamPro_800ExtraBold.ttf?url';

export function installFonts(doc: Document): void {
  const faces = [
    [regular, 400],
    [semiBold, 600],
    [bold, 700],
    [extraBold, 800],
  ] as const;
  const style = doc.createElement('style');
  style.textContent = faces
    .map(
      ([url, weight]) =>
        `@font-face{font-family:"Be Vietnam Pro";src:url("${url}") format("truetype");font-weight:${weight};font-style:normal;font-display:block}`,
    )
    .join('\n');
  doc.head.append(style);
}
