// What a user reads when a call is wrong: the compiler's message names the misspelt key (or, for a
// wrong path, the path), as a user's file sees it against the package's entry points. The type tests
// beside this file (exact-types.test-d.ts) and generated/<api>/type-checks.ts prove that the errors
// happen; this proves what they say.
import { expect, it } from "vitest";
import { typeCheckModules } from "../../support/typecheck.ts";

const header = `import { createLoopsClient } from "loop-api-clients/loops";
import { createLifeLoopClient } from "loop-api-clients/lifeloop";
import { createLoopMessageClient } from "loop-api-clients/loopmessage";
const loops = createLoopsClient({ apiKey: "sk_test_0123456789" });
const lifeloop = createLifeLoopClient({ token: "t0123456789", tenant: "sunrise-001" });
const loopmessage = createLoopMessageClient({ apiKey: "a0123456789" });
const email = "ada@example.com";
void [loops, lifeloop, loopmessage, email];
`;

const cases: { given: string; want: RegExp | null }[] = [
  {
    given: `loops.POST("/v1/transactional", { body: { email, transactionalId: "t1", addToAudeince: true } });`,
    want: /'addToAudeince' does not exist.*Did you mean to write 'addToAudience'\?/,
  },
  {
    given: `loops.request("post", "/v1/transactional", { body: { email, transactionalId: "t1", addToAudeince: true } });`,
    want: /'addToAudeince' does not exist/,
  },
  {
    given: `lifeloop.POST("/facilities/{facilityId}/residents", { params: { path: { facilityId: "f1" } }, body: { firstName: "A", lastName: "L", roomNumbr: "1" } });`,
    want: /'roomNumbr' does not exist/,
  },
  {
    given: `loopmessage.POST("/api/v1/message/send/", { body: { contact: "+15555550100", text: "Hi", sendr: "s1" } });`,
    want: /'sendr' does not exist.*Did you mean to write 'sender'\?/,
  },
  {
    given: `loops.POST("/v1/contacts/create", { body: { email, plan: { tier: 1 } } });`,
    want: /Type '\{ tier: number; \}' is not assignable to type 'string \| number \| boolean/,
  },
  {
    given: `loops.GET("/v1/contacts/find", { params: { query: { emial: email } } });`,
    want: /'emial' does not exist/,
  },
  {
    given: `loops.POST("/v1/transactional", { body: { email, transactionalId: "t1" }, params: { header: { "Idempotency-Kye": "k" } } });`,
    want: /'"Idempotency-Kye"' does not exist/,
  },
  { given: `loops.GET("/v1/api-key", { timeotMs: 5 });`, want: /'timeotMs' does not exist/ },
  // A parameter group the operation does not take is refused whole.
  {
    given: `loops.GET("/v1/api-key", { params: { cookie: { session: "s1" } } });`,
    want: /^Type '\{ session: string; \}' is not assignable to type 'undefined'/,
  },
  {
    given: `loops.GET("/v1/api-key", { params: { path: { id: "x" } } });`,
    want: /^Type '\{ id: string; \}' is not assignable to type 'undefined'/,
  },
  // A body that allows other keys takes a misspelt named field as one of them (the README says so).
  { given: `loops.POST("/v1/contacts/create", { body: { email, firstNme: "Ada" } });`, want: null },
  // A wrong path without options: the error is about the path, not "Expected 2 arguments".
  { given: `loops.GET("/v1/contact");`, want: /^Argument of type '"\/v1\/contact"' is not assignable to parameter/ },
  { given: `loops.POST("/v1/contacts/creat");`, want: /^Argument of type '"\/v1\/contacts\/creat"'/ },
  // The same calls, right: no error.
  {
    given: `loops.POST("/v1/transactional", { body: { email, transactionalId: "t1", addToAudience: true } });`,
    want: null,
  },
  { given: `loops.POST("/v1/contacts/create", { body: { email, plan: "pro", seats: 3, vip: true } });`, want: null },
  {
    given: `loops.GET("/v1/api-key", { parseAs: "text", timeoutMs: 5 }).then((r) => r.data?.toUpperCase());`,
    want: null,
  },
];

it("each wrong call's only error names what is wrong; each right one compiles", { timeout: 120_000 }, () => {
  const modules = new Map(cases.map((c, i) => [`case${i}`, `${header}void ${c.given}\n`]));
  const problems = typeCheckModules(modules);
  const got = cases.map((_, i) =>
    problems.filter((p) => p.startsWith(`case${i} `)).map((p) => p.replace(/^\S+ line \d+: /, "")),
  );
  cases.forEach((c, i) => {
    if (c.want === null) expect(got[i], c.given).toEqual([]);
    else {
      expect(got[i], c.given).toHaveLength(1);
      expect(got[i]![0], c.given).toMatch(c.want);
    }
  });
});
