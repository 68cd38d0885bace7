import { readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import ts from 'typescript';

/**
 * The public surface of a package, from its sources: every name `src/index.ts` exports, followed
 * through re-exports to its declaration, printed as its declaration file would show it (comments
 * dropped, so that rewording a doc comment is not an API change). Every package is written with
 * `isolatedDeclarations`, so each file's declarations come from that file alone (no type checker).
 */
export function apiSurface(packageDir: string): string {
  const declarations = new Map<string, ts.SourceFile>();
  const declarationsOf = (file: string): ts.SourceFile => {
    let found = declarations.get(file);
    if (!found) {
      const { outputText } = ts.transpileDeclaration(readFileSync(file, 'utf8'), {
        fileName: file,
        compilerOptions: { isolatedDeclarations: true, declaration: true, allowImportingTsExtensions: true },
      });
      found = ts.createSourceFile(file, outputText, ts.ScriptTarget.ES2022, true);
      declarations.set(file, found);
    }
    return found;
  };
  const printer = ts.createPrinter({ removeComments: true });
  const entries = new Map<string, string>();
  const where = (file: string): string => relative(packageDir, file);

  const declarationNamed = (file: string, name: string, seen: Set<string>): string[] => {
    const key = `${file}#${name}`;
    if (seen.has(key)) return [];
    seen.add(key);
    const source = declarationsOf(file);
    const printed: string[] = [];
    for (const statement of source.statements) {
      const names = ts.isVariableStatement(statement)
        ? statement.declarationList.declarations.map((declaration) => declaration.name.getText(source))
        : (ts.isFunctionDeclaration(statement) ||
              ts.isClassDeclaration(statement) ||
              ts.isInterfaceDeclaration(statement) ||
              ts.isTypeAliasDeclaration(statement) ||
              ts.isEnumDeclaration(statement)) &&
            statement.name
          ? [statement.name.text]
          : [];
      if (names.includes(name)) printed.push(printer.printNode(ts.EmitHint.Unspecified, statement, source));
      if (
        ts.isExportDeclaration(statement) &&
        statement.moduleSpecifier &&
        ts.isStringLiteral(statement.moduleSpecifier)
      ) {
        const target = join(dirname(file), statement.moduleSpecifier.text);
        const clause = statement.exportClause;
        if (clause && ts.isNamedExports(clause)) {
          for (const element of clause.elements) {
            if (element.name.text === name)
              printed.push(...declarationNamed(target, (element.propertyName ?? element.name).text, seen));
          }
        } else if (!clause) printed.push(...declarationNamed(target, name, seen));
      }
    }
    return printed;
  };

  const collect = (file: string): void => {
    for (const statement of declarationsOf(file).statements) {
      if (
        !ts.isExportDeclaration(statement) ||
        !statement.moduleSpecifier ||
        !ts.isStringLiteral(statement.moduleSpecifier)
      ) {
        if (
          ts.isExportAssignment(statement) ||
          (ts.canHaveModifiers(statement) &&
            ts.getModifiers(statement)?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword))
        ) {
          throw new Error(`${where(file)}: src/index.ts only re-exports (export { name } from './file.ts')`);
        }
        continue;
      }
      const target = join(dirname(file), statement.moduleSpecifier.text);
      const clause = statement.exportClause;
      if (!clause) {
        collectAll(target);
        continue;
      }
      if (!ts.isNamedExports(clause)) throw new Error(`${where(file)}: export * as is not supported here`);
      for (const element of clause.elements) {
        const exported = element.name.text;
        const local = (element.propertyName ?? element.name).text;
        const typeOnly = statement.isTypeOnly || element.isTypeOnly;
        const printed = declarationNamed(target, local, new Set());
        if (printed.length === 0) throw new Error(`${where(target)}: no declaration of ${local}`);
        const heading = `${exported}${exported === local ? '' : ` (${local})`}${typeOnly ? ' (type only)' : ''}`;
        entries.set(exported, `### ${heading}\n\n\`\`\`ts\n${printed.join('\n')}\n\`\`\`\n`);
      }
    }
  };
  const collectAll = (file: string): void => {
    for (const statement of declarationsOf(file).statements) {
      const names = ts.isVariableStatement(statement)
        ? statement.declarationList.declarations.map((d) => d.name.getText())
        : 'name' in statement && statement.name && ts.isIdentifier(statement.name as ts.Node)
          ? [(statement.name as ts.Identifier).text]
          : [];
      for (const name of names)
        entries.set(name, `### ${name}\n\n\`\`\`ts\n${declarationNamed(file, name, new Set()).join('\n')}\n\`\`\`\n`);
    }
  };

  collect(join(packageDir, 'src', 'index.ts'));
  const names = [...entries.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return names.map((name) => entries.get(name)).join('\n');
}
