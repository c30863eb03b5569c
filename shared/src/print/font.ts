/**
 * The ticket font, named in one place. Be Vietnam Pro (SIL OFL 1.1) was drawn for Vietnamese, so
 * every stacked diacritic (Ể, Ỗ, Ặ) has its own glyph; the npm package
 * `@expo-google-fonts/be-vietnam-pro` ships it as plain TTF files. The node side (queue-server and
 * the kiosk's Electron main) registers these files with @napi-rs/canvas under `TICKET_FONT_FAMILY`
 * — a name no system font has, so a missing registration shows up instead of silently falling
 * back to whatever the machine has (or to nothing at all).
 */

/** The family name the ticket layout draws with once the files below are registered. */
export const TICKET_FONT_FAMILY = 'Layso Ticket';

/** Module specifiers of the TTF files, one per weight the layout uses (400, 600, 700, 800). */
export const TICKET_FONT_FILES: readonly string[] = ['400Regular', '600SemiBold', '700Bold', '800ExtraBold'].map(
  (weight) => `@expo-google-fonts/be-vietnam-pro/${weight}/BeVietnamPro_${weight}.ttf`,
);
