/**
 * Generated documents in cdktf's raw HCL style (fast-check), for the tests that compare the fast formatter
 * and the repairs with `terraform fmt`: blocks of attributes, nested blocks, objects and lists, the shapes
 * the repairs write (blank lines, single-line lists and objects, `jsonencode({` openers), and what the fast
 * formatter must decline or reject (operators, signed numbers in `${}`, invalid escapes, odd spacing).
 */
import fc from "fast-check";

/** Documents in cdktf's raw style: blocks of attributes, nested blocks, objects and lists. */
export function arbitraryDocument(): fc.Arbitrary<string> {
  const name = fc.stringMatching(/^[a-z][a-z0-9_-]{0,14}$/);
  const reference = fc.tuple(fc.constantFrom("aws_x", "data.aws_y"), name, fc.constantFrom("id", "arn", "name", "json")).map((parts) => parts.join("."));
  /** Number literals as cdktf writes them, and the forms HCL reads: signs, decimals, exponents. */
  const number = fc
    .tuple(
      fc.constantFrom("", "", "-"),
      fc.oneof(fc.integer({ min: 0, max: 100000 }).map(String), fc.constantFrom("0", "007")),
      fc.constantFrom("", "", ".5", ".05", ".125"),
      fc.constantFrom("", "", "", "e3", "E5", "e-2", "e+10"),
    )
    .map((parts) => parts.join(""));
  /** Escapes: the valid ones, unusual valid ones, and invalid ones Terraform rejects. */
  const escape = fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom("\\n", "\\r", "\\t", '\\"', "\\\\", "\\u00e9", "\\u0041", "\\U0001F600", "\\uFFFF") },
    { weight: 1, arbitrary: fc.constantFrom("\\d", "\\.", "\\$", "\\uD800", "\\u12", "\\U00110000", "\\x41", "\\/") },
  );
  const printable = fc.stringMatching(/^[ -!#-[\]-~]{0,12}$/); // printable ASCII without `"` and `\`
  const text = fc.array(fc.oneof({ weight: 4, arbitrary: printable }, { weight: 1, arbitrary: escape }), { maxLength: 3 }).map((parts) => parts.join(""));
  const literalText = text.filter((t) => !t.includes("${") && !t.includes("%{"));
  /** What cdktf puts inside `${...}`: references, calls, numbers, operators, nested strings. */
  const expression: fc.Arbitrary<string> = fc.letrec<{ expression: string }>((tie) => ({
    expression: fc.oneof(
      { depthSize: "small", withCrossShrink: true },
      reference,
      number,
      literalText.map((t) => `"${t}"`),
      fc.tuple(fc.constantFrom("sha1", "file", "lower", "max"), fc.array(tie("expression"), { minLength: 1, maxLength: 2 })).map(([f, args]) => `${f}(${args.join(", ")})`),
      fc.tuple(tie("expression"), fc.constantFrom(" + ", " - ", " * ", " / ", " == ", "-", "+"), tie("expression")).map((parts) => parts.join("")),
      tie("expression").map((e) => `-${e}`),
    ),
  })).expression;
  const str = fc.oneof(
    literalText.map((t) => `"${t}"`),
    reference.map((r) => `"\${${r}}"`),
    fc.tuple(literalText, reference, literalText).map(([a, r, b]) => `"${a}\${${r}}${b}"`),
    fc.tuple(fc.constantFrom("sha1", "file", "lower"), reference).map(([f, r]) => `"\${${f}(${r})}"`),
    fc.tuple(literalText, expression, literalText).map(([a, e, b]) => `"${a}\${${e}}${b}"`),
    expression.map((e) => `"\${${e}}"`),
  );
  const plainScalar = fc.oneof(str, number, fc.constantFrom("true", "false", "null", "0.05", "[]", "{}"));
  const key = fc.oneof({ weight: 4, arbitrary: name }, { weight: 1, arbitrary: fc.stringMatching(/^[a-z][a-z./:-]{0,10}$/).map((k) => `"${k}"`) });
  /** Whole-line comments, as the repairs and modules write them, and a few terraform fmt keeps as they are. */
  const comment = fc.oneof(
    { weight: 4, arbitrary: fc.stringMatching(/^[ -~]{0,30}$/).map((t) => `# ${t}`) },
    { weight: 1, arbitrary: fc.constantFrom("#", "#x", "// slashes", "  # indented", "# trailing  ", "# café") },
  );
  /** Single-line lists and objects: mostly in terraform fmt's spacing (what the repairs write), some not. */
  const inlineItem = fc.oneof(
    { weight: 6, arbitrary: fc.oneof(literalText.map((t) => `"${t}"`), reference, number, fc.constantFrom("true", "null")) },
    { weight: 1, arbitrary: plainScalar },
  );
  const separator = fc.oneof({ weight: 12, arbitrary: fc.constant(", ") }, { weight: 1, arbitrary: fc.constantFrom(",", " , ", ",  ") });
  const padding = fc.oneof({ weight: 12, arbitrary: fc.constant(" ") }, { weight: 1, arbitrary: fc.constantFrom("", "  ") });
  const inlineValue: fc.Arbitrary<string> = fc.letrec<{ value: string }>((tie) => ({
    value: fc.oneof(
      { depthSize: "small", withCrossShrink: true },
      inlineItem,
      fc.tuple(fc.array(tie("value"), { maxLength: 3 }), separator).map(([items, sep]) => `[${items.join(sep)}]`),
      fc
        .tuple(fc.uniqueArray(fc.tuple(key, tie("value")), { maxLength: 3, selector: ([k]) => k }), padding, separator)
        .map(([entries, pad, sep]) => (entries.length === 0 ? "{}" : `{${pad}${entries.map(([k, v]) => `${k} = ${v}`).join(sep)}${pad}}`)),
    ),
  })).value;
  const scalar = fc.oneof({ weight: 3, arbitrary: plainScalar }, { weight: 1, arbitrary: inlineValue });

  /** `f({` ... `})` or `f([` ... `])`: a call whose one argument opens on its line (what jsonencode repairs write). */
  const call = (body: fc.Arbitrary<string[]>) =>
    fc.tuple(fc.constantFrom("jsonencode", "tolist"), body).map(([f, lines]) => [`${f}(${lines[0]}`, ...lines.slice(1, -1), `${lines[lines.length - 1]})`]);
  const { value } = fc.letrec<{ value: string[]; list: string[]; object: string[] }>((tie) => ({
    value: fc.oneof(
      { depthSize: "small", withCrossShrink: true },
      scalar.map((s) => [s]),
      tie("list"),
      tie("object"),
      call(fc.oneof(tie("list"), tie("object")).filter((lines) => lines.length > 1)),
    ),
    list: fc.array(tie("value"), { maxLength: 3 }).map((items) => [
      "[",
      ...items.flatMap((item, i) => (i < items.length - 1 ? [...item.slice(0, -1), `${item[item.length - 1]},`] : item)),
      "]",
    ]),
    object: fc
      .tuple(fc.uniqueArray(fc.tuple(key, tie("value")), { maxLength: 4, selector: ([k]) => k }), fc.option(comment, { freq: 6 }))
      .map(([entries, note]) => ["{", ...(note === null ? [] : [note]), ...entries.flatMap(([k, v]) => [`${k} = ${v[0]}`, ...v.slice(1)]), "}"]),
  }));
  const attribute = fc.tuple(name, value).map(([k, v]) => ({ key: k, lines: [`${k} = ${v[0]}`, ...v.slice(1)] }));
  /** A body's items in order, some after a blank line or a comment; an attribute may be set only once, blocks repeat. */
  const body = (block: fc.Arbitrary<string[]>, maxLength: number) =>
    fc
      .array(
        fc.tuple(
          fc.oneof({ weight: 3, arbitrary: attribute }, { weight: 1, arbitrary: block.map((lines) => ({ key: "", lines })) }),
          fc.constantFrom(false, false, false, true),
          fc.oneof({ weight: 6, arbitrary: fc.constant([] as string[]) }, { weight: 1, arbitrary: fc.array(comment, { minLength: 1, maxLength: 2 }) }),
        ),
        { maxLength },
      )
      .map((items) =>
        items
          .filter(([item], i) => item.key === "" || items.findIndex(([other]) => other.key === item.key) === i)
          .flatMap(([item, blank, comments], i) => [...(blank && i > 0 ? [""] : []), ...comments, ...item.lines]),
      );
  const block: fc.Arbitrary<string[]> = fc.letrec<{ block: string[] }>((tie) => ({
    block: fc.tuple(name, body(tie("block"), 6)).map(([type, lines]) => [`${type} {`, ...lines, "}"]),
  })).block;
  const resource = fc
    .tuple(name, name, body(block, 8))
    .map(([type, label, lines]) => [`resource "${type}" "${label}" {`, ...lines, "}"].join("\n"));
  return fc
    .tuple(fc.array(fc.tuple(fc.option(comment, { freq: 4 }), resource), { minLength: 1, maxLength: 3 }), fc.constantFrom("\n", "\n\n"))
    .map(([blocks, separator]) => blocks.map(([note, block]) => (note === null ? block : `${note}\n${block}`)).join(separator));
}
