import type { WordKey } from '../i18n/words.js';
import { useWords } from '../hooks/useLang.js';

/** Administration and reports: their routes exist; the pages come in a later pass. */
export function Placeholder(props: { title: WordKey }) {
  const { t } = useWords();
  return (
    <section className="placeholder" aria-labelledby="placeholder-title">
      <h1 id="placeholder-title">
        {t(props.title)} — {t('underConstruction').toLowerCase()}
      </h1>
      <p>{t('underConstructionBody')}</p>
    </section>
  );
}
