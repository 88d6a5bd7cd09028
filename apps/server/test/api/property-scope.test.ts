import { afterAll, beforeAll, expect, it } from 'vitest';
import { newOrg, newProject, newUser, PASSWORD, uniqueName, type TestOrg } from '../factories.ts';
import { signIn, startTestApp, type TestApp } from '../harness.ts';
import { describeEngines } from '../test-db.ts';

describeEngines('projects, buildings and data scope', (engine) => {
  let h: TestApp;
  let org: TestOrg;
  let a: Awaited<ReturnType<typeof newProject>>;
  let b: Awaited<ReturnType<typeof newProject>>;

  beforeAll(async () => {
    h = await startTestApp(engine);
    org = await newOrg(h.deps);
    a = await newProject(h.deps, org, { code: 'A', buildings: ['1', '2', '3', '4'] });
    b = await newProject(h.deps, org, { code: 'B', buildings: ['1'] });
  });
  afterAll(() => h.close());

  it('a butler sees only their project, and only their buildings in it; the rest is 404, not 403', async () => {
    const butler = await newUser(h.deps, org, {
      roles: ['butler'],
      scope: {
        all: false,
        projects: [{ projectId: a.id, buildingIds: [a.buildingIds[0]!, a.buildingIds[1]!] }],
      },
    });
    const s = await signIn(h.app, butler.username, PASSWORD);
    const projects = (await h.app.inject({ url: '/api/v1/projects', headers: s.headers })).json();
    expect(projects.items.map((p: { id: string }) => p.id)).toEqual([a.id]);
    // Counts follow the scope too: two of the project's four buildings.
    expect(projects.items[0].buildingCount).toBe(2);
    expect(
      (await h.app.inject({ url: `/api/v1/projects/${a.id}`, headers: s.headers })).json().buildingCount,
    ).toBe(2);
    const buildings = (
      await h.app.inject({ url: `/api/v1/projects/${a.id}/buildings`, headers: s.headers })
    ).json();
    expect(buildings.items.map((x: { id: string }) => x.id).sort()).toEqual(
      [a.buildingIds[0], a.buildingIds[1]].sort(),
    );
    for (const url of [`/api/v1/projects/${b.id}`, `/api/v1/projects/${b.id}/buildings`]) {
      const response = await h.app.inject({ url, headers: s.headers });
      expect(response.statusCode, url).toBe(404);
      expect(response.json().error.code).toBe('NOT_FOUND');
    }
  });

  it('an agent scoped to a whole project sees all its buildings; an org-wide manager sees every project', async () => {
    const agent = await newUser(h.deps, org, {
      roles: ['agent'],
      scope: { all: false, projects: [{ projectId: b.id, buildingIds: [] }] },
    });
    const s = await signIn(h.app, agent.username, PASSWORD);
    expect(
      (await h.app.inject({ url: '/api/v1/projects', headers: s.headers }))
        .json()
        .items.map((p: { id: string }) => p.id),
    ).toEqual([b.id]);
    expect(
      (await h.app.inject({ url: `/api/v1/projects/${b.id}/buildings`, headers: s.headers })).json().items,
    ).toHaveLength(1);
    const manager = await newUser(h.deps, org, { roles: ['manager'] });
    const m = await signIn(h.app, manager.username, PASSWORD);
    const all = (await h.app.inject({ url: '/api/v1/projects?limit=200', headers: m.headers }))
      .json()
      .items.map((p: { id: string }) => p.id);
    expect(all).toEqual(expect.arrayContaining([a.id, b.id]));
  });

  it('a user with no scope sees no projects at all', async () => {
    const lost = await newUser(h.deps, org, { roles: ['agent'], scope: { all: false, projects: [] } });
    const s = await signIn(h.app, lost.username, PASSWORD);
    expect((await h.app.inject({ url: '/api/v1/projects', headers: s.headers })).json().items).toEqual([]);
  });

  it('creates projects and buildings with unique codes; roles without projects.manage are refused', async () => {
    const admin = await signIn(h.app, org.adminUsername, PASSWORD);
    const code = uniqueName('P');
    const created = await h.app.inject({
      method: 'POST',
      url: '/api/v1/projects',
      headers: admin.headers,
      payload: { code, name: ' 江景湾 ', type: 'commercial', address: null },
    });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({
      code,
      name: '江景湾',
      type: 'commercial',
      address: null,
      buildingCount: 0,
    });
    const dup = await h.app.inject({
      method: 'POST',
      url: '/api/v1/projects',
      headers: admin.headers,
      payload: { code, name: 'again', type: 'commercial' },
    });
    expect(dup.json().error.code).toBe('PROJECT_CODE_TAKEN');
    const wrongType = await h.app.inject({
      method: 'POST',
      url: '/api/v1/projects',
      headers: admin.headers,
      payload: { code: 'X1', name: 'x', type: 'castle' },
    });
    expect(wrongType.json().error.details.fields).toEqual([expect.objectContaining({ field: 'body.type' })]);
    const building = await h.app.inject({
      method: 'POST',
      url: `/api/v1/projects/${created.json().id}/buildings`,
      headers: admin.headers,
      payload: { code: '9', name: '9 栋' },
    });
    expect(building.statusCode).toBe(201);
    const again = await h.app.inject({
      method: 'POST',
      url: `/api/v1/projects/${created.json().id}/buildings`,
      headers: admin.headers,
      payload: { code: '9', name: '9 栋' },
    });
    expect(again.json().error.code).toBe('BUILDING_CODE_TAKEN');

    const agent = await newUser(h.deps, org, { roles: ['agent'] });
    const s = await signIn(h.app, agent.username, PASSWORD);
    const refused = await h.app.inject({
      method: 'POST',
      url: '/api/v1/projects',
      headers: s.headers,
      payload: { code: uniqueName('Q'), name: 'q', type: 'office' },
    });
    expect(refused.statusCode).toBe(403);
  });

  it('a scoped manager who creates a project keeps seeing it', async () => {
    const scoped = await newUser(h.deps, org, {
      roles: ['manager'],
      scope: { all: false, projects: [{ projectId: a.id, buildingIds: [] }] },
    });
    const s = await signIn(h.app, scoped.username, PASSWORD);
    const created = await h.app.inject({
      method: 'POST',
      url: '/api/v1/projects',
      headers: s.headers,
      payload: { code: uniqueName('M'), name: '新盘', type: 'residential' },
    });
    expect(created.statusCode).toBe(201);
    expect(
      (await h.app.inject({ url: `/api/v1/projects/${created.json().id}`, headers: s.headers })).statusCode,
    ).toBe(200);
  });

  it('someone limited to some buildings of a project cannot add buildings to it', async () => {
    const roleUser = await newUser(h.deps, org, {
      roles: ['manager'],
      scope: { all: false, projects: [{ projectId: a.id, buildingIds: [a.buildingIds[0]!] }] },
    });
    const s = await signIn(h.app, roleUser.username, PASSWORD);
    const response = await h.app.inject({
      method: 'POST',
      url: `/api/v1/projects/${a.id}/buildings`,
      headers: s.headers,
      payload: { code: '77', name: '77' },
    });
    expect(response.statusCode).toBe(403);
    expect(response.json().error.code).toBe('PROJECT_SCOPE_REQUIRED');
  });
});
