/**
 * GENERATED FILE - DO NOT EDIT.
 * Source: openapi/reporting.json. Regenerate with `npm run generate:client`.
 */

export interface paths {
    "/healthz": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Healthz
         * @description The process is up.
         */
        get: operations["healthz"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/readyz": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Readyz
         * @description The process can reach its database.
         */
        get: operations["readyz"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/bilans/{year}/{caisse_code}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get Bilan
         * @description The caisse's bilan: its submitted version while submitted (frozen), otherwise the live
         *     draft computed now from the services' stats (with `missing` naming any figure group whose
         *     service is down). Strong `ETag`; `If-None-Match` → 304.
         */
        get: operations["get_bilan"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/bilans/{year}/{caisse_code}/bilan.pdf": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Export Bilan Pdf
         * @description The bilan, printable (A4).
         */
        get: operations["export_bilan_pdf"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/bilans/{year}/{caisse_code}/export.{format}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Export Bilan
         * @description The bilan's figures, one row per action (CSV or XLSX).
         */
        get: operations["export_bilan"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/bilans/{year}/{caisse_code}/qualitative": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /**
         * Update Bilan Qualitative
         * @description The caisse's own sections (difficulties, local actions, next year's priorities), while
         *     the bilan is a draft; a submitted bilan is a 409 until reopened.
         */
        put: operations["update_bilan_qualitative"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/bilans/{year}/{caisse_code}/reopen": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Reopen Bilan
         * @description National office only: the submitted bilan becomes a draft again, with the reason shown
         *     to the caisse; its versions stay.
         */
        post: operations["reopen_bilan"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/bilans/{year}/{caisse_code}/submit": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Submit Bilan
         * @description Freezes the bilan as its next version (flagged `late` after 31 January of the next
         *     year). 409 when already submitted, or when figures are missing (a peer is down).
         */
        post: operations["submit_bilan"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/bilans/{year}/{caisse_code}/versions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List Bilan Versions */
        get: operations["list_bilan_versions"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/bilans/{year}/{caisse_code}/versions/{version}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get Bilan Version
         * @description A submitted version, exactly as frozen; it never changes, so its ETag never does.
         */
        get: operations["get_bilan_version"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/national/{year}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get National Bilan
         * @description The submitted bilans consolidated (the version in force of each), each caisse's state
         *     (submitted, late, missing, pending), the socle's targets against realisation and the
         *     caisses compared. Strong `ETag`; `If-None-Match` → 304.
         */
        get: operations["get_national_bilan"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/national/{year}/export.{format}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Export National
         * @description One row per caisse: state, totals and realisation rate per socle action (CSV or XLSX).
         */
        get: operations["export_national"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/national/{year}/live": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get National Live
         * @description Every caisse's figures computed now from the services, submitted or not.
         */
        get: operations["get_national_live"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        /** ActionFigures */
        ActionFigures: {
            /** Action Code */
            action_code: string;
            /** Action Id */
            action_id: number;
            /**
             * Booked
             * @description Interviews booked, all channels.
             */
            booked: number | null;
            /**
             * Channels
             * @description Interviews per channel.
             */
            channels: components["schemas"]["ChannelFigures"][] | null;
            /**
             * Contact Type
             * @enum {string}
             */
            contact_type: "individual_interview" | "letter" | "collective_meeting";
            /**
             * Held
             * @description Interviews held, all channels.
             */
            held: number | null;
            /**
             * Invited
             * @description Invitation letters sent for the action.
             */
            invited: number | null;
            /**
             * Letters Sent
             * @description Letter contacts recorded (letter actions).
             */
            letters_sent: number | null;
            /**
             * Listed
             * @description People in the action's frozen target lists.
             */
            listed: number | null;
            /**
             * Meeting Attendance
             * @description Registrations checked in.
             */
            meeting_attendance: number | null;
            /** Meeting Registrations */
            meeting_registrations: number | null;
            /**
             * Meetings Held
             * @description Collective meetings held.
             */
            meetings_held: number | null;
            /**
             * National
             * @description An action of the socle (true) or the caisse's own.
             */
            national: boolean;
            /**
             * No Show
             * @description No-shows, all channels.
             */
            no_show: number | null;
            /**
             * Realisation Rate
             * @description Realisation against the target, by contact type: `held / targeted` for individual interviews, `meeting_attendance / targeted` for collective meetings, `letters_sent / targeted` for letters. Null when targeted is 0 or a figure is missing.
             */
            realisation_rate: number | null;
            /**
             * Realised
             * @description The contacts counted against the target (held, attendance or letters).
             */
            realised: number | null;
            /** @description The action's survey results; null without surveys or answers. */
            satisfaction: components["schemas"]["Satisfaction"] | null;
            /**
             * Targeted
             * @description Current volumetry of the action's target for the caisse (people who objected to contact excluded).
             */
            targeted: number | null;
            /** Title */
            title: string;
        };
        /**
         * BilanDocument
         * @description A regional bilan: live while a draft, frozen once submitted (then ``version`` ≥ 1).
         */
        BilanDocument: {
            /** Actions */
            actions: components["schemas"]["ActionFigures"][];
            /** Caisse Code */
            caisse_code: string;
            /**
             * Deadline
             * Format: date
             * @description 31 January of the following year (inclusive).
             */
            deadline: string;
            /**
             * Late
             * @description Submitted after the deadline (for a draft: the deadline has passed).
             */
            late: boolean;
            /**
             * Missing
             * @description Figure groups that could not be computed because their service was unavailable, or refused the caller (a machine client without `stats:read`): `targets` (targeting: targeted, listed, the actions of the year), `contacts` (interviews: invited, booked, held, no-shows, meetings, letters), `satisfaction` (surveys). Without targeting the year's actions are unknown, so all three are missing. Empty when complete.
             */
            missing: ("targets" | "contacts" | "satisfaction")[];
            /**
             * Previous Versions
             * @description How many versions were submitted before.
             */
            previous_versions: number;
            qualitative: components["schemas"]["Qualitative"];
            /**
             * Status
             * @enum {string}
             */
            status: "draft" | "submitted";
            /** Submitted At */
            submitted_at: string | null;
            /** Submitted By */
            submitted_by: string | null;
            totals: components["schemas"]["Totals"];
            /**
             * Version
             * @description The submitted version this document is; null for a live draft.
             */
            version: number | null;
            /** Year */
            year: number;
        };
        /**
         * BilanReopen
         * @description Reopening is deliberate: it names the version seen (a confirmation that nothing was
         *     submitted since) and says why, for the caisse's managers.
         */
        BilanReopen: {
            /** Reason */
            reason: string;
            /**
             * Version
             * @description The submitted version the national office saw.
             */
            version: number;
        };
        /** BilanVersions */
        BilanVersions: {
            /** Items */
            items: components["schemas"]["BilanVersionSummary"][];
        };
        /** BilanVersionSummary */
        BilanVersionSummary: {
            /** Etag */
            etag: string;
            /** Late */
            late: boolean;
            /**
             * Reopen Reason
             * @description Why the national office reopened it, for the caisse to read.
             */
            reopen_reason?: string | null;
            /** Reopened At */
            reopened_at: string | null;
            /** Reopened By */
            reopened_by: string | null;
            /**
             * Submitted At
             * Format: date-time
             */
            submitted_at: string;
            /** Submitted By */
            submitted_by: string;
            /** Version */
            version: number;
        };
        /** CaisseComparison */
        CaisseComparison: {
            /** Caisse Code */
            caisse_code: string;
            /**
             * Realisation Rates
             * @description Realisation rate per action code of the socle.
             */
            realisation_rates: {
                [key: string]: number | null;
            };
            /**
             * Regional Actions
             * @description How many actions of its own the caisse ran.
             */
            regional_actions: number;
            totals: components["schemas"]["Totals"];
        };
        /** CaisseSubmission */
        CaisseSubmission: {
            /** Caisse Code */
            caisse_code: string;
            /**
             * Name
             * @description Null when targeting could not be asked.
             */
            name: string | null;
            /**
             * Reopened
             * @description A version was submitted, then reopened (now a draft).
             */
            reopened: boolean;
            /**
             * State
             * @description `submitted` on time, `late` submitted after the deadline, `missing` not submitted once the deadline has passed, `pending` not submitted before it.
             * @enum {string}
             */
            state: "submitted" | "late" | "missing" | "pending";
            /** Submitted At */
            submitted_at: string | null;
            /**
             * Version
             * @description The submitted version in force, if any.
             */
            version: number | null;
        };
        /** ChannelFigures */
        ChannelFigures: {
            /**
             * Booked
             * @description Interviews booked and not cancelled (booked, done, no-show).
             */
            booked: number;
            /** Cancelled */
            cancelled: number;
            /**
             * Channel
             * @description `in_person` or `phone`.
             */
            channel: string;
            /**
             * Held
             * @description Interviews held (done).
             */
            held: number;
            /** No Show */
            no_show: number;
        };
        /** Consolidation */
        Consolidation: {
            /**
             * Caisses
             * @description The caisses whose figures are consolidated.
             */
            caisses: string[];
            /** Comparison */
            comparison: components["schemas"]["CaisseComparison"][];
            /** Socle */
            socle: components["schemas"]["NationalActionFigures"][];
            totals: components["schemas"]["Totals"];
        };
        /**
         * ExportFormat
         * @enum {string}
         */
        ExportFormat: "csv" | "xlsx";
        /** FieldError */
        FieldError: {
            /**
             * Field
             * @description Dotted path of the offending field, e.g. `filter.birth_years`.
             */
            field: string;
            /**
             * Location
             * @description Where the field is: body, query, path or header.
             */
            location: string;
            /**
             * Message
             * @description What is wrong with the field, in French.
             */
            message: string;
        };
        /** HealthStatus */
        HealthStatus: {
            /** Service */
            service: string;
            /** Status */
            status: string;
        };
        /**
         * NationalActionFigures
         * @description One action of the socle over the caisses included: its objective (targeted) against
         *     what was realised.
         */
        NationalActionFigures: {
            /** Action Code */
            action_code: string;
            /** Action Id */
            action_id: number;
            /** Booked */
            booked: number | null;
            /**
             * Caisses
             * @description Caisses whose figures are summed here.
             */
            caisses: number;
            /**
             * Contact Type
             * @enum {string}
             */
            contact_type: "individual_interview" | "letter" | "collective_meeting";
            /** Held */
            held: number | null;
            /** Invited */
            invited: number | null;
            /** Letters Sent */
            letters_sent: number | null;
            /** Listed */
            listed: number | null;
            /** Meeting Attendance */
            meeting_attendance: number | null;
            /** Meetings Held */
            meetings_held: number | null;
            /** No Show */
            no_show: number | null;
            /**
             * Realisation Rate
             * @description Realisation against the target, by contact type: `held / targeted` for individual interviews, `meeting_attendance / targeted` for collective meetings, `letters_sent / targeted` for letters. Null when targeted is 0 or a figure is missing.
             */
            realisation_rate: number | null;
            /** Realised */
            realised: number | null;
            satisfaction: components["schemas"]["Satisfaction"] | null;
            /** Targeted */
            targeted: number | null;
            /** Title */
            title: string;
        };
        /**
         * NationalBilan
         * @description The submitted regional bilans (latest version of each submitted one), consolidated.
         */
        NationalBilan: {
            consolidated: components["schemas"]["Consolidation"];
            counts: components["schemas"]["SubmissionCounts"];
            /**
             * Deadline
             * Format: date
             */
            deadline: string;
            /** Deadline Passed */
            deadline_passed: boolean;
            /**
             * Missing
             * @description `caisses` when targeting could not list the caisses (down, or a machine client without `targeting:read`): then only the caisses that have a bilan are shown.
             */
            missing: "caisses"[];
            /** Submissions */
            submissions: components["schemas"]["CaisseSubmission"][];
            /** Year */
            year: number;
        };
        /**
         * NationalLive
         * @description Every caisse's figures computed now, submitted or not.
         */
        NationalLive: {
            consolidated: components["schemas"]["Consolidation"];
            /**
             * Missing
             * @description Figure groups that could not be computed because their service was unavailable, or refused the caller (a machine client without `stats:read`): `targets` (targeting: targeted, listed, the actions of the year), `contacts` (interviews: invited, booked, held, no-shows, meetings, letters), `satisfaction` (surveys). Without targeting the year's actions are unknown, so all three are missing. Empty when complete.
             */
            missing: ("targets" | "contacts" | "satisfaction")[];
            /** Year */
            year: number;
        };
        /**
         * Problem
         * @description RFC 9457 problem details.
         */
        Problem: {
            /**
             * Code
             * @description Stable machine code of the kind of error (see ERROR_CODES).
             * @default error
             */
            code: string;
            /**
             * Detail
             * @description What happened, in French, for a person.
             */
            detail?: string | null;
            /** Errors */
            errors?: components["schemas"]["FieldError"][] | null;
            /** Instance */
            instance?: string | null;
            /** Request Id */
            request_id?: string | null;
            /** Status */
            status: number;
            /** Title */
            title: string;
            /**
             * Type
             * @default about:blank
             */
            type: string;
        };
        /**
         * Qualitative
         * @description The sections a caisse writes itself.
         */
        Qualitative: {
            /**
             * Difficulties
             * @description Difficulties met.
             * @default
             */
            difficulties: string;
            /**
             * Local Actions
             * @description Local actions and initiatives.
             * @default
             */
            local_actions: string;
            /**
             * Priorities
             * @description Priorities for next year.
             * @default
             */
            priorities: string;
        };
        /** Satisfaction */
        Satisfaction: {
            /**
             * Links Issued
             * @description Personal survey links sent.
             */
            links_issued: number;
            /**
             * Overall Satisfaction Mean
             * @description Mean of the national 1-5 overall satisfaction question; for several actions, the mean of the actions' means weighted by their responses.
             */
            overall_satisfaction_mean: number | null;
            /**
             * Response Rate
             * @description responses / links_issued.
             */
            response_rate: number | null;
            /** Responses */
            responses: number;
            /**
             * Satisfied Share
             * @description Share of answers 4 or 5 to that question (weighted like the mean).
             */
            satisfied_share: number | null;
        };
        /** SubmissionCounts */
        SubmissionCounts: {
            /** Late */
            late: number;
            /** Missing */
            missing: number;
            /** Pending */
            pending: number;
            /** Submitted */
            submitted: number;
        };
        /**
         * Totals
         * @description Sums over the bilan's actions (null when their group is missing).
         */
        Totals: {
            /** Booked */
            booked: number | null;
            /** Held */
            held: number | null;
            /** Invited */
            invited: number | null;
            /** Letters Sent */
            letters_sent: number | null;
            /** Meeting Attendance */
            meeting_attendance: number | null;
            /** Meetings Held */
            meetings_held: number | null;
            /** No Show */
            no_show: number | null;
            /**
             * Realisation Rate
             * @description realised / targeted over all actions.
             */
            realisation_rate: number | null;
            /** Realised */
            realised: number | null;
            satisfaction: components["schemas"]["Satisfaction"] | null;
            /** Targeted */
            targeted: number | null;
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    healthz: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HealthStatus"];
                };
            };
            /** @description Unprocessable Entity */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Internal Server Error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    readyz: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HealthStatus"];
                };
            };
            /** @description Unprocessable Entity */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Internal Server Error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Service Unavailable */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    get_bilan: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description e.g. ALPES */
                caisse_code: string;
                year: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BilanDocument"];
                };
            };
            /** @description Not modified: the `If-None-Match` tag is still current. */
            304: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Unauthorized */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Forbidden */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not Found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unprocessable Entity */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Internal Server Error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    export_bilan_pdf: {
        parameters: {
            query?: {
                /** @description A submitted version; default: the current. */
                version?: number | null;
            };
            header?: never;
            path: {
                /** @description e.g. ALPES */
                caisse_code: string;
                year: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/pdf": unknown;
                };
            };
            /** @description Unauthorized */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Forbidden */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not Found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unprocessable Entity */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Internal Server Error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    export_bilan: {
        parameters: {
            query?: {
                /** @description A submitted version; default: the current. */
                version?: number | null;
            };
            header?: never;
            path: {
                /** @description e.g. ALPES */
                caisse_code: string;
                /** @description `csv` (French Excel) or `xlsx`. */
                format: components["schemas"]["ExportFormat"];
                year: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": unknown;
                    "text/csv": unknown;
                };
            };
            /** @description Unauthorized */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Forbidden */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not Found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unprocessable Entity */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Internal Server Error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    update_bilan_qualitative: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description e.g. ALPES */
                caisse_code: string;
                year: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["Qualitative"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Qualitative"];
                };
            };
            /** @description The body could not be parsed (not JSON, or not UTF-8) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unauthorized */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Forbidden */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not Found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unprocessable Entity */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Internal Server Error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    reopen_bilan: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description e.g. ALPES */
                caisse_code: string;
                year: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["BilanReopen"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BilanVersionSummary"];
                };
            };
            /** @description The body could not be parsed (not JSON, or not UTF-8) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unauthorized */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Forbidden */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not Found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unprocessable Entity */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Internal Server Error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    submit_bilan: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description e.g. ALPES */
                caisse_code: string;
                year: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BilanDocument"];
                };
            };
            /** @description Unauthorized */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Forbidden */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not Found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unprocessable Entity */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Internal Server Error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    list_bilan_versions: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description e.g. ALPES */
                caisse_code: string;
                year: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BilanVersions"];
                };
            };
            /** @description Unauthorized */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Forbidden */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not Found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unprocessable Entity */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Internal Server Error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    get_bilan_version: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description e.g. ALPES */
                caisse_code: string;
                version: number;
                year: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BilanDocument"];
                };
            };
            /** @description Not modified: the `If-None-Match` tag is still current. */
            304: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Unauthorized */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Forbidden */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not Found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unprocessable Entity */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Internal Server Error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    get_national_bilan: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                year: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["NationalBilan"];
                };
            };
            /** @description Not modified: the `If-None-Match` tag is still current. */
            304: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Unauthorized */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Forbidden */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unprocessable Entity */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Internal Server Error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    export_national: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description `csv` (French Excel) or `xlsx`. */
                format: components["schemas"]["ExportFormat"];
                year: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": unknown;
                    "text/csv": unknown;
                };
            };
            /** @description Unauthorized */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Forbidden */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unprocessable Entity */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Internal Server Error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    get_national_live: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                year: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["NationalLive"];
                };
            };
            /** @description Not modified: the `If-None-Match` tag is still current. */
            304: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Unauthorized */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Forbidden */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unprocessable Entity */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Internal Server Error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
}
