// A local ESLint rule: words the user sees go through i18next (t('...')), never as literals in JSX.
// JSX text and the attributes people read or hear (title, aria-label, placeholder, alt, ...) may
// hold marks and digits ("×", "+", "3"), not letters. Missing nl/en keys are caught elsewhere: the
// typed catalogues (client/src/i18n/index.ts) and client/src/i18n/i18n.test.ts.

/** Attributes whose value is shown or spoken. */
const SPOKEN_ATTRIBUTES = new Set([
  'title',
  'alt',
  'placeholder',
  'label',
  'aria-label',
  'aria-description',
  'aria-roledescription',
  'aria-valuetext',
  'aria-placeholder',
]);

const hasWords = (text) => /\p{L}/u.test(text);

/** A string written in the source (a literal or a template without expressions), or null. */
function literalText(node) {
  if (!node) return null;
  if (node.type === 'Literal' && typeof node.value === 'string') return node.value;
  if (node.type === 'TemplateLiteral' && node.expressions.length === 0) return node.quasis.map((q) => q.value.cooked).join('');
  if (node.type === 'JSXExpressionContainer') return literalText(node.expression);
  return null;
}

const noLiteralUiText = {
  meta: {
    type: 'problem',
    docs: { description: 'User-visible words in JSX go through i18next' },
    messages: {
      text: 'Words shown to people go through i18next (t(...)) in both catalogues, not as JSX text: "{{text}}".',
      attribute: 'The "{{name}}" attribute is read or heard: use t(...) in both catalogues, not "{{text}}".',
    },
    schema: [],
  },
  create(context) {
    return {
      JSXText(node) {
        const text = node.value.trim();
        if (hasWords(text)) context.report({ node, messageId: 'text', data: { text: text.slice(0, 40) } });
      },
      JSXExpressionContainer(node) {
        if (node.parent?.type !== 'JSXElement' && node.parent?.type !== 'JSXFragment') return;
        const text = literalText(node.expression);
        if (text !== null && hasWords(text)) context.report({ node, messageId: 'text', data: { text: text.slice(0, 40) } });
      },
      JSXAttribute(node) {
        const name = node.name.type === 'JSXIdentifier' ? node.name.name : null;
        if (!name || !SPOKEN_ATTRIBUTES.has(name)) return;
        const text = literalText(node.value);
        if (text !== null && hasWords(text)) context.report({ node, messageId: 'attribute', data: { name, text: text.slice(0, 40) } });
      },
    };
  },
};

export const i18nPlugin = { rules: { 'no-literal-ui-text': noLiteralUiText } };
