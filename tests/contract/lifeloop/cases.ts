// LifeLoop contract cases: one valid request per operation, plus requests the spec forbids, all
// through the tenant-scoped client (paths without `/{tenant}`). The @ts-expect-error lines show the
// generated types reject them too; the others are cast, and only the mock rejects them.
import { createLifeLoopClient, type LifeLoopClient } from "../../../src/clients/lifeloop.ts";
import type { OperationId } from "../../../generated/lifeloop/operations.ts";
import type { ContractCase } from "../contract-runner.ts";

/** Real credentials, for the live contract tests (tests/live); the mock takes any token. */
export interface Credentials {
  token: string;
  tenant: string;
}

// No retries: a forced 429 must come straight back. `baseUrl` undefined: the spec's server (live mode only).
export const client = (
  baseUrl: string | undefined,
  fetch?: typeof globalThis.fetch,
  credentials?: Credentials,
): LifeLoopClient =>
  createLifeLoopClient({
    token: credentials?.token ?? "test-lifeloop-token",
    tenant: credentials?.tenant ?? "sunrise-001",
    baseUrl,
    fetch,
    maxRetries: 0,
  });

type Case = ContractCase<LifeLoopClient>;

const facilityId = "fac-001";
const residentId = "res-001";
const connectionId = "con-001";
const activityId = "act-001";
const registrationId = "reg-001";
const threadId = "thr-001";
const announcementId = "ann-001";
const june = { startDate: "2026-06-01T00:00:00Z", endDate: "2026-06-30T00:00:00Z" };
const residentPath = { params: { path: { residentId } } };
const connectionPath = { params: { path: { connectionId } } };
const activityPath = { params: { path: { activityId } } };

export const cases = {
  // Facilities
  listFacilities: {
    valid: (c, x) => c.GET("/facilities", { params: { query: { page: 1, pageSize: 20 } }, ...x }),
    invalid: {
      "pageSize over 100": (c) => c.GET("/facilities", { params: { query: { pageSize: 101 } } }),
      // @ts-expect-error `page` is an integer
      "page of the wrong type": (c) => c.GET("/facilities", { params: { query: { page: "first" } } }),
    },
  },
  getFacility: { valid: (c, x) => c.GET("/facilities/{facilityId}", { params: { path: { facilityId } }, ...x }) },

  // Residents
  listFacilityResidents: {
    valid: (c, x) =>
      c.GET("/facilities/{facilityId}/residents", {
        params: { path: { facilityId }, query: { search: "aileen" } },
        ...x,
      }),
    invalid: {
      "pageSize over 100": (c) =>
        c.GET("/facilities/{facilityId}/residents", { params: { path: { facilityId }, query: { pageSize: 500 } } }),
    },
  },
  createResident: {
    valid: (c, x) =>
      c.POST("/facilities/{facilityId}/residents", {
        params: { path: { facilityId } },
        body: { firstName: "Aileen", lastName: "Edmond", room: "12B", careLevel: "assisted_living" },
        ...x,
      }),
    invalid: {
      "without lastName": (c) =>
        c.POST("/facilities/{facilityId}/residents", {
          params: { path: { facilityId } },
          // @ts-expect-error `lastName` is required
          body: { firstName: "Aileen" },
        }),
      "firstName of the wrong type": (c) =>
        c.POST("/facilities/{facilityId}/residents", {
          params: { path: { facilityId } },
          // @ts-expect-error `firstName` is a string
          body: { firstName: 42, lastName: "Edmond" },
        }),
      "an unknown field": (c) =>
        c.POST("/facilities/{facilityId}/residents", {
          params: { path: { facilityId } },
          body: { firstName: "Aileen", lastName: "Edmond", nickname: "Ali" } as { firstName: string; lastName: string },
        }),
    },
  },
  getResident: { valid: (c, x) => c.GET("/residents/{residentId}", { ...residentPath, ...x }) },
  updateResident: {
    valid: (c, x) => c.PUT("/residents/{residentId}", { ...residentPath, body: { room: "14A" }, ...x }),
    invalid: {
      "an empty body": (c) => c.PUT("/residents/{residentId}", { ...residentPath, body: {} }),
      // @ts-expect-error `status` is an enum
      "an unknown status": (c) => c.PUT("/residents/{residentId}", { ...residentPath, body: { status: "away" } }),
    },
  },

  // Connections
  listResidentConnections: {
    valid: (c, x) => c.GET("/residents/{residentId}/connections", { ...residentPath, ...x }),
    invalid: {
      "pageSize over 100": (c) =>
        c.GET("/residents/{residentId}/connections", { params: { path: { residentId }, query: { pageSize: 101 } } }),
    },
  },
  createConnection: {
    valid: (c, x) =>
      c.POST("/residents/{residentId}/connections", {
        ...residentPath,
        body: {
          firstName: "Mara",
          lastName: "Edmond",
          relationship: "child",
          email: "mara@example.org",
          phone: "+15551234567",
        },
        ...x,
      }),
    invalid: {
      "without email": (c) =>
        c.POST("/residents/{residentId}/connections", {
          ...residentPath,
          // @ts-expect-error `email` is required
          body: { firstName: "Mara", lastName: "Edmond", relationship: "child" },
        }),
      "an unknown relationship": (c) =>
        c.POST("/residents/{residentId}/connections", {
          ...residentPath,
          // @ts-expect-error `relationship` is an enum
          body: { firstName: "Mara", lastName: "Edmond", relationship: "cousin", email: "mara@example.org" },
        }),
      "an unknown permission": (c) =>
        c.POST("/residents/{residentId}/connections", {
          ...residentPath,
          body: {
            firstName: "Mara",
            lastName: "Edmond",
            relationship: "child",
            email: "mara@example.org",
            permissions: { viewPhotos: true, editPhotos: true } as { viewPhotos: boolean },
          },
        }),
    },
  },
  getConnection: { valid: (c, x) => c.GET("/connections/{connectionId}", { ...connectionPath, ...x }) },
  updateConnection: {
    valid: (c, x) =>
      c.PUT("/connections/{connectionId}", { ...connectionPath, body: { isPrimaryContact: true }, ...x }),
    invalid: {
      "isPrimaryContact of the wrong type": (c) =>
        // @ts-expect-error `isPrimaryContact` is a boolean
        c.PUT("/connections/{connectionId}", { ...connectionPath, body: { isPrimaryContact: "yes" } }),
    },
  },
  removeConnection: { valid: (c, x) => c.DELETE("/connections/{connectionId}", { ...connectionPath, ...x }) },

  // Activities
  listFacilityActivities: {
    valid: (c, x) =>
      c.GET("/facilities/{facilityId}/activities", {
        params: { path: { facilityId }, query: { ...june, pageSize: 50 } },
        ...x,
      }),
    invalid: {
      "pageSize over 100": (c) =>
        c.GET("/facilities/{facilityId}/activities", { params: { path: { facilityId }, query: { pageSize: 101 } } }),
      "a startDate that is not a date-time": (c) =>
        c.GET("/facilities/{facilityId}/activities", {
          params: { path: { facilityId }, query: { startDate: "next week" } },
        }),
    },
  },
  createActivity: {
    valid: (c, x) =>
      c.POST("/facilities/{facilityId}/activities", {
        params: { path: { facilityId } },
        body: {
          name: "Chair yoga",
          startDate: "2026-06-18T00:00:00Z",
          startTime: "10:00",
          durationInMinutes: 45,
          capacity: 12,
        },
        ...x,
      }),
    invalid: {
      "without startTime": (c) =>
        c.POST("/facilities/{facilityId}/activities", {
          params: { path: { facilityId } },
          // @ts-expect-error `startTime` is required
          body: { name: "Chair yoga", startDate: "2026-06-18T00:00:00Z", durationInMinutes: 45 },
        }),
      "durationInMinutes of the wrong type": (c) =>
        c.POST("/facilities/{facilityId}/activities", {
          params: { path: { facilityId } },
          // @ts-expect-error `durationInMinutes` is an integer
          body: { name: "Chair yoga", startDate: "2026-06-18T00:00:00Z", startTime: "10:00", durationInMinutes: "45" },
        }),
      "a startTime that is not HH:mm": (c) =>
        c.POST("/facilities/{facilityId}/activities", {
          params: { path: { facilityId } },
          body: { name: "Chair yoga", startDate: "2026-06-18T00:00:00Z", startTime: "25:00", durationInMinutes: 45 },
        }),
    },
  },
  getActivity: { valid: (c, x) => c.GET("/activities/{activityId}", { ...activityPath, ...x }) },
  updateActivity: {
    valid: (c, x) => c.PUT("/activities/{activityId}", { ...activityPath, body: { status: "cancelled" }, ...x }),
    invalid: {
      "an unknown field": (c) =>
        c.PUT("/activities/{activityId}", {
          ...activityPath,
          body: { name: "Yoga", title: "Yoga" } as { name: string },
        }),
    },
  },
  deleteActivity: { valid: (c, x) => c.DELETE("/activities/{activityId}", { ...activityPath, ...x }) },
  listActivityTypes: {
    valid: (c, x) => c.GET("/activity-types", { ...x }),
    invalid: { "page below 1": (c) => c.GET("/activity-types", { params: { query: { page: 0 } } }) },
  },

  // Personal Activities
  listResidentPersonalActivities: {
    valid: (c, x) =>
      c.GET("/residents/{residentId}/personal-activities", { params: { path: { residentId }, query: june }, ...x }),
    invalid: {
      "without endDate": (c) =>
        c.GET("/residents/{residentId}/personal-activities", {
          // @ts-expect-error `endDate` is required
          params: { path: { residentId }, query: { startDate: june.startDate } },
        }),
      "pageSize over 100": (c) =>
        c.GET("/residents/{residentId}/personal-activities", {
          params: { path: { residentId }, query: { ...june, pageSize: 101 } },
        }),
    },
  },
  createPersonalActivity: {
    valid: (c, x) =>
      c.POST("/residents/{residentId}/personal-activities", {
        ...residentPath,
        body: {
          name: "Physical Therapy",
          startDate: "2026-06-18T00:00:00Z",
          startTime: "10:00",
          durationInMinutes: 30,
        },
        ...x,
      }),
    invalid: {
      "without name": (c) =>
        c.POST("/residents/{residentId}/personal-activities", {
          ...residentPath,
          // @ts-expect-error `name` is required
          body: { startDate: "2026-06-18T00:00:00Z", startTime: "10:00", durationInMinutes: 30 },
        }),
      "an unknown field": (c) =>
        c.POST("/residents/{residentId}/personal-activities", {
          ...residentPath,
          body: {
            name: "Physical Therapy",
            startDate: "2026-06-18T00:00:00Z",
            startTime: "10:00",
            durationInMinutes: 30,
            confirmed: true,
          } as { name: string; startDate: string; startTime: string; durationInMinutes: number },
        }),
    },
  },
  getPersonalActivity: { valid: (c, x) => c.GET("/personal-activities/{activityId}", { ...activityPath, ...x }) },
  updatePersonalActivity: {
    valid: (c, x) => c.PUT("/personal-activities/{activityId}", { ...activityPath, body: { confirmed: true }, ...x }),
    invalid: {
      "confirmed of the wrong type": (c) =>
        // @ts-expect-error `confirmed` is a boolean
        c.PUT("/personal-activities/{activityId}", { ...activityPath, body: { confirmed: "yes" } }),
    },
  },
  deletePersonalActivity: { valid: (c, x) => c.DELETE("/personal-activities/{activityId}", { ...activityPath, ...x }) },

  // Registrations
  listActivityRegistrations: {
    valid: (c, x) =>
      c.GET("/activities/{activityId}/registrations", {
        params: { path: { activityId }, query: { status: "registered" } },
        ...x,
      }),
    invalid: {
      "an unknown status filter": (c) =>
        c.GET("/activities/{activityId}/registrations", {
          // @ts-expect-error `status` is an enum
          params: { path: { activityId }, query: { status: "pending" } },
        }),
      "pageSize over 100": (c) =>
        c.GET("/activities/{activityId}/registrations", { params: { path: { activityId }, query: { pageSize: 101 } } }),
    },
  },
  createActivityRegistration: {
    valid: (c, x) =>
      c.POST("/activities/{activityId}/registrations", {
        ...activityPath,
        body: { registrant: { type: "resident", residentId } },
        ...x,
      }),
    invalid: {
      "without registrant": (c) =>
        // @ts-expect-error `registrant` is required
        c.POST("/activities/{activityId}/registrations", { ...activityPath, body: { notes: "Front row" } }),
      "a resident registrant with a connectionId": (c) =>
        c.POST("/activities/{activityId}/registrations", {
          ...activityPath,
          // @ts-expect-error a resident registrant has a `residentId`
          body: { registrant: { type: "resident", connectionId } },
        }),
    },
  },
  cancelRegistration: {
    valid: (c, x) => c.DELETE("/registrations/{registrationId}", { params: { path: { registrationId } }, ...x }),
  },
  listResidentRegistrations: {
    valid: (c, x) => c.GET("/residents/{residentId}/registrations", { ...residentPath, ...x }),
  },
  listConnectionRegistrations: {
    valid: (c, x) => c.GET("/connections/{connectionId}/registrations", { ...connectionPath, ...x }),
  },

  // Attendance
  listActivityAttendance: {
    valid: (c, x) => c.GET("/activities/{activityId}/attendance", { ...activityPath, ...x }),
    invalid: {
      "pageSize over 100": (c) =>
        c.GET("/activities/{activityId}/attendance", { params: { path: { activityId }, query: { pageSize: 101 } } }),
    },
  },
  markActivityAttendance: {
    valid: (c, x) =>
      c.POST("/activities/{activityId}/attendance", {
        ...activityPath,
        body: { records: [{ residentId, status: "attended", note: "Enjoyed it" }] },
        ...x,
      }),
    invalid: {
      "no records": (c) => c.POST("/activities/{activityId}/attendance", { ...activityPath, body: { records: [] } }),
      "an unknown attendance status": (c) =>
        c.POST("/activities/{activityId}/attendance", {
          ...activityPath,
          // @ts-expect-error `status` is an enum
          body: { records: [{ residentId, status: "late" }] },
        }),
      // @ts-expect-error `records` is required
      "without records": (c) => c.POST("/activities/{activityId}/attendance", { ...activityPath, body: {} }),
    },
  },

  // Group Activities
  listResidentGroupActivities: {
    valid: (c, x) =>
      c.GET("/residents/{residentId}/group-activities", { params: { path: { residentId }, query: june }, ...x }),
    invalid: {
      "pageSize over 100": (c) =>
        c.GET("/residents/{residentId}/group-activities", {
          params: { path: { residentId }, query: { pageSize: 101 } },
        }),
      "an endDate that is not a date-time": (c) =>
        c.GET("/residents/{residentId}/group-activities", {
          params: { path: { residentId }, query: { endDate: "2026-06-30" } },
        }),
    },
  },
  listConnectionGroupActivities: {
    valid: (c, x) =>
      c.GET("/connections/{connectionId}/group-activities", { params: { path: { connectionId }, query: june }, ...x }),
  },

  // Photos
  listActivityPhotos: {
    valid: (c, x) => c.GET("/activities/{activityId}/photos", { ...activityPath, ...x }),
    invalid: {
      "pageSize over 100": (c) =>
        c.GET("/activities/{activityId}/photos", { params: { path: { activityId }, query: { pageSize: 101 } } }),
    },
  },
  uploadActivityPhoto: {
    valid: (c, x) =>
      c.POST("/activities/{activityId}/photos", {
        ...activityPath,
        body: { url: "https://photos.example.org/yoga.jpg", caption: "Chair yoga", taggedResidentIds: [residentId] },
        ...x,
      }),
    invalid: {
      "an http:// URL": (c) =>
        c.POST("/activities/{activityId}/photos", {
          ...activityPath,
          body: { url: "http://photos.example.org/yoga.jpg" },
        }),
      "without url": (c) =>
        // @ts-expect-error `url` is required
        c.POST("/activities/{activityId}/photos", { ...activityPath, body: { caption: "Chair yoga" } }),
      "taggedResidentIds of the wrong type": (c) =>
        c.POST("/activities/{activityId}/photos", {
          ...activityPath,
          // @ts-expect-error `taggedResidentIds` is an array
          body: { url: "https://photos.example.org/yoga.jpg", taggedResidentIds: residentId },
        }),
    },
  },

  // Messages
  listResidentThreads: {
    valid: (c, x) => c.GET("/residents/{residentId}/threads", { ...residentPath, ...x }),
  },
  listThreadMessages: {
    valid: (c, x) => c.GET("/threads/{threadId}/messages", { params: { path: { threadId } }, ...x }),
    invalid: {
      "pageSize over 100": (c) =>
        c.GET("/threads/{threadId}/messages", { params: { path: { threadId }, query: { pageSize: 101 } } }),
    },
  },
  sendThreadMessage: {
    valid: (c, x) =>
      c.POST("/threads/{threadId}/messages", {
        params: { path: { threadId } },
        body: { body: "See you at lunch!" },
        ...x,
      }),
    invalid: {
      "an empty body text": (c) =>
        c.POST("/threads/{threadId}/messages", { params: { path: { threadId } }, body: { body: "" } }),
      // @ts-expect-error `body` is required
      "without body text": (c) => c.POST("/threads/{threadId}/messages", { params: { path: { threadId } }, body: {} }),
      "an unknown field": (c) =>
        c.POST("/threads/{threadId}/messages", {
          params: { path: { threadId } },
          body: { body: "Hi", subject: "Lunch" } as { body: string },
        }),
    },
  },

  // Announcements
  listResidentAnnouncements: {
    valid: (c, x) =>
      c.GET("/residents/{residentId}/announcements", {
        params: { path: { residentId }, query: { includeArchived: true } },
        ...x,
      }),
    invalid: {
      "pageSize over 100": (c) =>
        c.GET("/residents/{residentId}/announcements", { params: { path: { residentId }, query: { pageSize: 101 } } }),
      "includeArchived of the wrong type": (c) =>
        c.GET("/residents/{residentId}/announcements", {
          // @ts-expect-error `includeArchived` is a boolean
          params: { path: { residentId }, query: { includeArchived: "sometimes" } },
        }),
    },
  },
  listConnectionAnnouncements: {
    valid: (c, x) => c.GET("/connections/{connectionId}/announcements", { ...connectionPath, ...x }),
  },
  getAnnouncement: {
    valid: (c, x) => c.GET("/announcements/{announcementId}", { params: { path: { announcementId } }, ...x }),
    invalid: {
      "an announcementId with a space": (c) =>
        c.GET("/announcements/{announcementId}", { params: { path: { announcementId: "ann 001" } } }),
    },
  },
  archiveAnnouncement: {
    valid: (c, x) => c.POST("/announcements/{announcementId}/archive", { params: { path: { announcementId } }, ...x }),
  },
} satisfies Record<OperationId, Case>;
