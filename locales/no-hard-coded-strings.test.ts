// Every word a child sees must come from locales/: this reads each component (modal-ui/, editor/) with the
// TypeScript parser and fails on text written straight into JSX or into an attribute a screen or screen reader shows.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import ts from 'typescript';

const repo = path.resolve(__dirname, '..');
const COMPONENT_FOLDERS = ['modal-ui', 'editor', 'player'];
/** Attributes whose value is read by the child or their screen reader. */
const SHOWN_ATTRIBUTES = new Set([
  'title',
  'alt',
  'placeholder',
  'label',
  'aria-label',
  'aria-description',
  'aria-valuetext',
  'aria-roledescription',
]);
/** A word: two letters in a row in any script (so '×', '…', '%' or '1280' alone are not words). */
const WORD = /\p{L}{2}/u;

function componentFiles(folder: string): string[] {
  return readdirSync(path.join(repo, folder), { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.tsx') && !file.endsWith('.test.tsx'))
    .map((file) => path.join(folder, file));
}

/** Where a file shows text that does not come from t(): "file:line: text". */
function hardCodedStrings(file: string, source: string): string[] {
  const tree = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
  const found: string[] = [];
  const report = (node: ts.Node, text: string) => {
    const { line } = tree.getLineAndCharacterOfPosition(node.getStart(tree));
    found.push(`${file}:${line + 1}: ${JSON.stringify(text.trim())}`);
  };
  const visit = (node: ts.Node): void => {
    if (ts.isJsxText(node) && WORD.test(node.text)) report(node, node.text);
    if (ts.isJsxAttribute(node) && SHOWN_ATTRIBUTES.has(node.name.getText(tree)) && node.initializer) {
      const value = node.initializer;
      const literal = ts.isStringLiteral(value)
        ? value
        : ts.isJsxExpression(value) &&
            value.expression &&
            (ts.isStringLiteral(value.expression) || ts.isNoSubstitutionTemplateLiteral(value.expression))
          ? value.expression
          : null;
      if (literal && WORD.test(literal.text)) report(node, literal.text);
    }
    // {'Some words'} as a child of an element.
    if (
      ts.isJsxExpression(node) &&
      node.parent &&
      (ts.isJsxElement(node.parent) || ts.isJsxFragment(node.parent)) &&
      node.expression &&
      (ts.isStringLiteral(node.expression) || ts.isNoSubstitutionTemplateLiteral(node.expression)) &&
      WORD.test(node.expression.text)
    ) {
      report(node, node.expression.text);
    }
    ts.forEachChild(node, visit);
  };
  visit(tree);
  return found;
}

test('the check finds text written into JSX, into shown attributes and as string children', () => {
  const sample = [
    'const a = <p>Train your model</p>;',
    'const b = <img alt="a hand" src={x} />;',
    'const c = <button title={"Delete"}>{t("x")}</button>;',
    "const d = <span>{'Hello there'}</span>;",
    'const e = <p className="imt-note" data-kind="warn">{t("ok")} × 3 %</p>;',
  ].join('\n');
  const found = hardCodedStrings('sample.tsx', sample);
  assert.deepEqual(
    found.map((entry) => entry.split(': ')[1]),
    ['"Train your model"', '"a hand"', '"Delete"', '"Hello there"'],
  );
});

test('no component shows text that does not come from locales/', () => {
  const files = COMPONENT_FOLDERS.flatMap(componentFiles);
  assert.ok(files.length > 20, `expected the trainer's components, found ${files.length} files`);
  const found = files.flatMap((file) => hardCodedStrings(file, readFileSync(path.join(repo, file), 'utf8')));
  assert.deepEqual(found, [], `text a child sees must come from t(): move these into locales/`);
});
