import { useTranslation } from 'react-i18next';
import type { ExportChoice, PictureFormat } from './exportBoard';
import type { Orientation, PaperSize } from './pdf';
import { PNG_LIMITS, type ExportArea } from './region';
import type { Background } from './render';

const FORMATS: readonly PictureFormat[] = ['png', 'svg', 'pdf'];
const AREAS: readonly ExportArea[] = ['board', 'view', 'selection'];
const RATIOS = ['1', '2', '3'] as const;
const BACKGROUNDS: readonly Background[] = ['white', 'transparent'];
const PAPERS: readonly PaperSize[] = ['auto', 'a4', 'a3'];
const ORIENTATIONS: readonly Orientation[] = ['auto', 'landscape', 'portrait'];

function pick<T extends string>(options: readonly T[], value: string, fallback: T): T {
  return (options as readonly string[]).includes(value) ? (value as T) : fallback;
}

/** One choice of the export as a labelled select; `words` gives each option's name. */
function ChoiceField<T extends string>({
  name,
  label,
  value,
  options,
  words,
  disabled,
  onChange,
}: {
  name: string;
  label: string;
  value: T;
  options: readonly T[];
  words(option: T): string;
  disabled?(option: T): boolean;
  onChange(value: string): void;
}) {
  return (
    <label className="field">
      <span>{label}</span>
      <select name={name} value={value} onChange={(e) => onChange(e.target.value)}>
        {options.map((option) => (
          <option key={option} value={option} {...(disabled?.(option) ? { disabled: true } : {})}>
            {words(option)}
          </option>
        ))}
      </select>
    </label>
  );
}

export interface PictureFieldsProps {
  choice: ExportChoice;
  /** The area in effect (the selection falls back to the board when nothing is selected). */
  area: ExportArea;
  update(changes: Partial<ExportChoice>): void;
  selectionEmpty: boolean;
  size: { width: number; height: number; reduced: boolean } | null;
  working: boolean;
}

/** What picture to make: format, area, and the format's own options; the PNG's size in pixels. */
export function PictureFields({ choice, area, update, selectionEmpty, size, working }: PictureFieldsProps) {
  const { t, i18n } = useTranslation('export');
  return (
    <fieldset className="export-fields" disabled={working}>
      <legend>{t('dialog.picture')}</legend>
      <ChoiceField
        name="export-format"
        label={t('dialog.format')}
        value={choice.format}
        options={FORMATS}
        words={(format) => t(`dialog.formats.${format}`)}
        onChange={(value) => update({ format: pick(FORMATS, value, 'png') })}
      />
      <ChoiceField
        name="export-area"
        label={t('dialog.area')}
        value={area}
        options={AREAS}
        words={(option) => t(`dialog.areas.${option}`)}
        disabled={(option) => option === 'selection' && selectionEmpty}
        onChange={(value) => update({ area: pick(AREAS, value, 'board') })}
      />
      {selectionEmpty ? <small className="muted">{t('dialog.selectionEmpty')}</small> : null}
      {choice.format === 'png' ? (
        <ChoiceField
          name="export-ratio"
          label={t('dialog.ratio')}
          value={pick(RATIOS, String(choice.ratio), '1')}
          options={RATIOS}
          words={(ratio) => t(`dialog.ratios.${ratio}`)}
          onChange={(value) => update({ ratio: Number(pick(RATIOS, value, '1')) })}
        />
      ) : null}
      {choice.format !== 'pdf' ? (
        <ChoiceField
          name="export-background"
          label={t('dialog.background')}
          value={choice.background}
          options={BACKGROUNDS}
          words={(background) => t(`dialog.backgrounds.${background}`)}
          onChange={(value) => update({ background: pick(BACKGROUNDS, value, 'white') })}
        />
      ) : (
        <PdfFields choice={choice} update={update} />
      )}
      {size ? (
        <p className="muted" data-testid="export-size" data-width={size.width} data-height={size.height}>
          {t('dialog.size', { width: size.width.toLocaleString(i18n.language), height: size.height.toLocaleString(i18n.language) })}
          {size.reduced ? <> {t('dialog.reduced', { limit: Math.round(PNG_LIMITS.maxPixels / 1e6) })}</> : null}
        </p>
      ) : null}
    </fieldset>
  );
}

/** A PDF's paper, orientation and whether the report pages come with it. */
function PdfFields({ choice, update }: Pick<PictureFieldsProps, 'choice' | 'update'>) {
  const { t } = useTranslation('export');
  return (
    <>
      <div className="field-row">
        <ChoiceField
          name="export-paper"
          label={t('dialog.paper')}
          value={choice.paper}
          options={PAPERS}
          words={(paper) => t(`dialog.papers.${paper}`)}
          onChange={(value) => update({ paper: pick(PAPERS, value, 'auto') })}
        />
        <ChoiceField
          name="export-orientation"
          label={t('dialog.orientation')}
          value={choice.orientation}
          options={ORIENTATIONS}
          words={(orientation) => t(`dialog.orientations.${orientation}`)}
          onChange={(value) => update({ orientation: pick(ORIENTATIONS, value, 'auto') })}
        />
      </div>
      <label className="checkbox">
        <input type="checkbox" name="export-report" checked={choice.withReport} onChange={(e) => update({ withReport: e.target.checked })} />
        <span>{t('dialog.withReport')}</span>
      </label>
    </>
  );
}
