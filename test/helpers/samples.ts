// Our own sample data (CVAT's fixtures stay in ../shared and are read at test time).
export const KEY = 'Ab3dEf6hIj9kLm2nOp5qRs8tUv1wXy4zAb7dEf0hIj3kLm6nOp9qRs2tUv5wXy8z'

export const invitation = {
  key: KEY,
  created_date: '2026-11-20T10:00:00.000000Z',
  owner: { url: 'http://localhost/api/users/2', id: 2, username: 'olga', first_name: 'Olga', last_name: 'Owner' },
  role: 'worker' as const,
  user: { url: 'http://localhost/api/users/9', id: 9, username: 'ann', first_name: 'Ann', last_name: 'Lee' },
  organization: 1,
  expired: false,
  organization_info: { id: 1, slug: 'acme' },
}

export const page = (results: ReadonlyArray<unknown>, next: string | null = null, previous: string | null = null) => ({
  count: results.length,
  next,
  previous,
  results,
})
