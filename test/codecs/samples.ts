// Sample answers of the org-admin models, shaped as CVAT 2.26–2.73 renders them (our own data;
// CVAT's fixtures stay in ../shared and are read by the contract tests).
export const basicUser = { url: 'http://localhost/api/users/9', id: 9, username: 'ann', first_name: 'Ann', last_name: 'Lee' }

export const fullUser = {
  ...basicUser,
  email: 'ann@example.com',
  groups: ['user'],
  is_staff: false,
  is_superuser: false,
  is_active: true,
  last_login: null,
  date_joined: '2026-11-20T10:00:00.000Z',
  has_analytics_access: false,
}

export const organization = {
  id: 1,
  slug: 'acme',
  name: 'Acme',
  description: '',
  created_date: '2026-11-20T10:00:00.000Z',
  updated_date: '2026-11-20T10:00:00.000Z',
  contact: { email: 'org@acme.example' },
  owner: { ...basicUser, id: 2, username: 'olga' },
}

export const membership = {
  id: 3,
  user: basicUser,
  organization: 1,
  is_active: true,
  joined_date: '2026-11-21T10:00:00.000Z',
  role: 'worker' as const,
  invitation: 'Ab3dEf6hIj9kLm2n',
}

export const accessToken = {
  id: 4,
  name: 'ci',
  created_date: '2026-11-20T10:00:00.000Z',
  updated_date: '2026-11-20T10:00:00.000Z',
  expiry_date: null,
  last_used_date: null,
  read_only: true,
  owner: basicUser,
}

export const listOf = (results: ReadonlyArray<unknown>) => ({ count: results.length, next: null, previous: null, results })
