/**
 * GENERATED FILE - DO NOT EDIT.
 * Source: openapi/targeting.json. Regenerate with `npm run generate:client`.
 */

export interface paths {
    "/actions/{action_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get Action */
        get: operations["get_action"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /**
         * Update Action
         * @description Edit an action: national ones by the national office, regional ones by their caisse.
         */
        patch: operations["update_action"];
        trace?: never;
    };
    "/actions/{action_id}/target-lists": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Materialise Target List
         * @description Freeze who matches the action now, ranked, without opted-out or recently contacted
         *     people; runs as a job (poll ``/jobs/{id}``).
         */
        post: operations["materialise_target_list"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/actions/{action_id}/tools": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List Action Tools
         * @description The kit documents an action uses (404 for an action the caller does not see).
         */
        get: operations["list_action_tools"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/actions/{action_id}/volumetry": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Count Action Target
         * @description Counts of an action's target per caisse and priority group.
         */
        get: operations["count_action_target"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/caisses": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List Caisses
         * @description The caisses the caller may see: its own for caisse staff, all for the national office.
         */
        get: operations["list_caisses"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/caisses/{code}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get Caisse
         * @description One caisse; another caisse than the caller's own is reported as not found.
         */
        get: operations["get_caisse"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/contacts/recency": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Record Contact Recency
         * @description For the interviews service: the dates people were last contacted (recency exclusion).
         */
        post: operations["record_contact_recency"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
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
    "/imports": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Start Import
         * @description Start a CSV import job (upsert by NIR); poll ``/jobs/{id}`` for its progress.
         */
        post: operations["start_import"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/imports/{job_id}/errors": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List Import Errors
         * @description The rows an import refused: line, field, why.
         */
        get: operations["list_import_errors"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/imports/{job_id}/errors.{format}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Download Import Errors
         * @description The error report as a CSV or XLSX file (line, column, problem).
         */
        get: operations["download_import_errors"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/jobs/{job_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get Job
         * @description A job's progress (percent done) and, once finished, its result.
         */
        get: operations["get_job"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/kit/documents": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List Kit Documents */
        get: operations["list_kit_documents"];
        put?: never;
        /** Create Kit Document */
        post: operations["create_kit_document"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/kit/documents/{document_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get Kit Document */
        get: operations["get_kit_document"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/kit/documents/{document_id}/actions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /**
         * Set Kit Document Actions
         * @description The socle's actions this document is a tool of (replaces the previous set).
         */
        put: operations["set_kit_document_actions"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/kit/documents/{document_id}/adaptation": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /**
         * Upload Kit Adaptation
         * @description The caller's caisse's local adaptation (replaces its previous one).
         */
        put: operations["upload_kit_adaptation"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/kit/documents/{document_id}/adaptations/{caisse_code}/file": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Download Kit Adaptation */
        get: operations["download_kit_adaptation"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/kit/documents/{document_id}/versions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Publish Kit Version
         * @description A new version of the document; the previous ones stay downloadable.
         */
        post: operations["publish_kit_version"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/kit/documents/{document_id}/versions/{version}/file": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Download Kit Version */
        get: operations["download_kit_version"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/kit/news": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List Kit News
         * @description What is new in the kit since a date (the SPA shows managers what they have not seen).
         */
        get: operations["list_kit_news"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/persons/{person_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Read Person
         * @description A person's whole file. Every read is written to the audit log.
         */
        get: operations["read_person"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/persons/{person_id}/contact-details": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Read Person Contact Details
         * @description How to write to a person: name, addresses, mobile, caisse, opposition to contact; no
         *     NIR, no career. Every read is written to the audit log.
         */
        get: operations["read_person_contact_details"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/persons/{person_id}/opposition": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /**
         * Set Opposition
         * @description Records that the person objects to being contacted (or withdraws it).
         */
        put: operations["set_opposition"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/persons/batch": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Import Person Batch
         * @description Upsert up to 5,000 persons by NIR for other systems; row errors come back at once.
         */
        post: operations["import_person_batch"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/persons/names": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Read Person Names
         * @description First and last names of up to 500 people (ids in the body), for another service's
         *     lists; people outside the caller's caisse are left out. Each one is an audited read.
         */
        post: operations["read_person_names"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/persons/search": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Search Persons
         * @description Find people of the caller's caisse by NIR (exact) or last name (prefix). Audited.
         */
        post: operations["search_persons"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/policy/{year}/actions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List Actions
         * @description The year's socle (national actions) and the caller's caisse's own actions.
         */
        get: operations["list_actions"];
        put?: never;
        /**
         * Create Action
         * @description A manager adds a regional action of its caisse; the national office a socle action.
         */
        post: operations["create_action"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/policy/{year}/carry-over": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Carry Over
         * @description A caisse copies its regional actions of an earlier year into a published year.
         */
        post: operations["carry_over"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/policy/{year}/preparation": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Prepare Year
         * @description Next year's socle from this one: the national office gets a copy to edit (calendars a
         *     year later, age criteria too if asked); caisses see it from its publication date.
         */
        post: operations["prepare_year"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/policy/{year}/publication": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /**
         * Publish Year
         * @description Sets (or withdraws, with null) the date from which caisses see a prepared socle.
         */
        put: operations["publish_year"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/policy/years": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List Years
         * @description The years of the policy, newest first; caisses see those whose socle is published.
         */
        get: operations["list_years"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/professional-categories": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List Professional Categories
         * @description The reference list of professional categories (for collective meetings).
         */
        get: operations["list_professional_categories"];
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
    "/stats": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get Targeting Stats
         * @description Per caisse and action of the year: targeted (current volumetry, opted-out people
         *     excluded) and listed (the sizes of its frozen target lists). Aggregates only. A caisse-bound
         *     caller sees its own caisse; asking for another is a 404.
         */
        get: operations["get_targeting_stats"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/target-lists": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List Target Lists */
        get: operations["list_target_lists"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/target-lists/{list_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get Target List */
        get: operations["get_target_list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/target-lists/{list_id}/export.{format}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Export Target List
         * @description The whole list as CSV or XLSX (no NIR), in constant memory. Audited.
         */
        get: operations["export_target_list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/target-lists/{list_id}/members": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List Target List Members
         * @description The people of a list in rank order, by pages (keyset on rank). Audited.
         */
        get: operations["list_target_list_members"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/target-lists/{list_id}/person-ids": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List Target List Person Ids
         * @description Only the people's ids, in rank order and large pages (for jobs over a whole list).
         */
        get: operations["list_target_list_person_ids"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/volumetry": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Count Definition
         * @description Counts per caisse and priority group for a definition being edited.
         */
        post: operations["count_definition"];
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
        /**
         * ActionCreate
         * @description A caisse manager creates a regional action of its caisse; the national office a
         *     national one (part of the socle).
         */
        ActionCreate: {
            /**
             * Booking Link Days
             * @description How long an invitation's personal link is valid.
             * @default 10
             */
            booking_link_days: number;
            /**
             * Buffer Minutes
             * @description Free time kept after each interview.
             * @default 0
             */
            buffer_minutes: number;
            /**
             * Calendar End
             * Format: date
             */
            calendar_end: string;
            /**
             * Calendar Start
             * Format: date
             */
            calendar_start: string;
            /**
             * Change Notice Hours
             * @description Until how long before the interview the person may cancel or move it.
             * @default 24
             */
            change_notice_hours: number;
            /** Code */
            code: string;
            contact_type: components["schemas"]["ContactType"];
            /** Content */
            content: string;
            /** Interview Minutes */
            interview_minutes?: number | null;
            /** Modalities */
            modalities: string;
            /**
             * Recency Window Days
             * @default 365
             */
            recency_window_days: number;
            /**
             * Reminder After Days
             * @description Remind who has not booked after N days; null: never.
             * @default 5
             */
            reminder_after_days: number | null;
            /** Specific Objective */
            specific_objective: string;
            target_definition: components["schemas"]["TargetDefinition-Input"];
            /** Target Description */
            target_description: string;
            /** Title */
            title: string;
            /** Tools */
            tools: string;
        };
        /** ActionRead */
        ActionRead: {
            /**
             * Booking Link Days
             * @description How long an invitation's personal link is valid.
             * @default 10
             */
            booking_link_days: number;
            /**
             * Buffer Minutes
             * @description Free time kept after each interview.
             * @default 0
             */
            buffer_minutes: number;
            /** Caisse Code */
            caisse_code: string | null;
            /**
             * Calendar End
             * Format: date
             */
            calendar_end: string;
            /**
             * Calendar Start
             * Format: date
             */
            calendar_start: string;
            /**
             * Change Notice Hours
             * @description Until how long before the interview the person may cancel or move it.
             * @default 24
             */
            change_notice_hours: number;
            /** Code */
            code: string;
            contact_type: components["schemas"]["ContactType"];
            /** Content */
            content: string;
            /** Id */
            id: number;
            /** Interview Minutes */
            interview_minutes?: number | null;
            /** Modalities */
            modalities: string;
            /** National */
            national: boolean;
            /**
             * Recency Window Days
             * @default 365
             */
            recency_window_days: number;
            /**
             * Reminder After Days
             * @description Remind who has not booked after N days; null: never.
             * @default 5
             */
            reminder_after_days: number | null;
            /** Specific Objective */
            specific_objective: string;
            target_definition: components["schemas"]["TargetDefinition-Output"];
            /** Target Description */
            target_description: string;
            /** Title */
            title: string;
            /** Tools */
            tools: string;
            /**
             * Updated At
             * Format: date-time
             */
            updated_at: string;
            /** Year */
            year: number;
        };
        /** ActionStats */
        ActionStats: {
            /** Action Code */
            action_code: string;
            /** Action Id */
            action_id: number;
            /** Caisse Code */
            caisse_code: string;
            /**
             * Contact Type
             * @enum {string}
             */
            contact_type: "individual_interview" | "letter" | "collective_meeting";
            /**
             * Listed
             * @description People in the action's frozen (ready) target lists for the caisse: the sum of the lists' sizes (someone in two lists of the action counts twice).
             */
            listed: number;
            /**
             * National
             * @description True for the socle's actions, false for a caisse's own.
             */
            national: boolean;
            /**
             * Targeted
             * @description Current volumetry of the action's definition for the caisse: people matching it who have not objected to being contacted.
             */
            targeted: number;
            /** Title */
            title: string;
        };
        /** ActionUpdate */
        ActionUpdate: {
            /** Booking Link Days */
            booking_link_days?: number | null;
            /** Buffer Minutes */
            buffer_minutes?: number | null;
            /** Calendar End */
            calendar_end?: string | null;
            /** Calendar Start */
            calendar_start?: string | null;
            /** Change Notice Hours */
            change_notice_hours?: number | null;
            /** Content */
            content?: string | null;
            /** Interview Minutes */
            interview_minutes?: number | null;
            /** Modalities */
            modalities?: string | null;
            /** Recency Window Days */
            recency_window_days?: number | null;
            /** Reminder After Days */
            reminder_after_days?: number | null;
            /** Specific Objective */
            specific_objective?: string | null;
            target_definition?: components["schemas"]["TargetDefinition-Input"] | null;
            /** Target Description */
            target_description?: string | null;
            /** Title */
            title?: string | null;
            /** Tools */
            tools?: string | null;
        };
        /** AdaptationRead */
        AdaptationRead: {
            /** Based On Version */
            based_on_version: number;
            /** Caisse Code */
            caisse_code: string;
            /** Filename */
            filename: string;
            /** Media Type */
            media_type: string;
            /**
             * Outdated
             * @description A newer national version was published since.
             */
            outdated: boolean;
            /** Sha256 */
            sha256: string;
            /** Size Bytes */
            size_bytes: number;
            /**
             * Uploaded At
             * Format: date-time
             */
            uploaded_at: string;
        };
        /** BatchReport */
        BatchReport: {
            /** Errors */
            errors: components["schemas"]["RowError"][];
            /** Inserted */
            inserted: number;
            /** Message */
            message: string;
            mode: components["schemas"]["ImportMode"];
            /** Rejected */
            rejected: number;
            /** Rows */
            rows: number;
            /** Unchanged */
            unchanged: number;
            /** Updated */
            updated: number;
            /** Valid */
            valid: number;
            /**
             * Written
             * @description False when all-or-nothing met a bad row.
             */
            written: boolean;
        };
        /** Body_publish_kit_version */
        Body_publish_kit_version: {
            /**
             * Changes
             * @description What changed since the previous version.
             */
            changes: string;
            /**
             * File
             * @description PDF, Word, Excel, PowerPoint, OpenDocument, PNG or JPEG; 20 MB at most.
             */
            file: string;
        };
        /** Body_start_import */
        Body_start_import: {
            /**
             * File
             * @description CSV in the registry's exchange format.
             */
            file: string;
            /** @default all_or_nothing */
            mode: components["schemas"]["ImportMode"];
        };
        /** Body_upload_kit_adaptation */
        Body_upload_kit_adaptation: {
            /**
             * File
             * @description PDF, Word, Excel, PowerPoint, OpenDocument, PNG or JPEG; 20 MB at most.
             */
            file: string;
        };
        /** CaisseCount */
        CaisseCount: {
            /**
             * By Priority
             * @description Matched per priority group, in order.
             */
            by_priority: number[];
            /** Caisse Code */
            caisse_code: string;
            /**
             * Matched
             * @description People matching the definition.
             */
            matched: number;
            /**
             * Opted Out
             * @description Of whom objected to being contacted.
             */
            opted_out: number;
        };
        /** CaisseRead */
        CaisseRead: {
            /** Code */
            code: string;
            /** Name */
            name: string;
            /** Overseas */
            overseas: boolean;
            /** Region */
            region: string;
        };
        /**
         * CarryOver
         * @description A caisse copies its own regional actions of an earlier year into a published year.
         */
        CarryOver: {
            /**
             * Codes
             * @description The actions to carry over; none: all of them.
             */
            codes?: string[] | null;
            /** From Year */
            from_year: number;
            /**
             * Shift Age Criteria
             * @default true
             */
            shift_age_criteria: boolean;
        };
        /** CarryOverResult */
        CarryOverResult: {
            /** Created */
            created: components["schemas"]["ActionRead"][];
            /**
             * Skipped
             * @description Codes the year already had: left as they are.
             */
            skipped: string[];
        };
        /** ContactRecency */
        ContactRecency: {
            /**
             * Contacted On
             * Format: date
             */
            contacted_on: string;
            /** Person Id */
            person_id: number;
        };
        /**
         * ContactRecencyBatch
         * @description Contacts reported by the interviews service (see targets/service.py for why).
         */
        ContactRecencyBatch: {
            /** Contacts */
            contacts: components["schemas"]["ContactRecency"][];
        };
        /** ContactRecencyReport */
        ContactRecencyReport: {
            /** Updated */
            updated: number;
        };
        /**
         * ContactType
         * @enum {string}
         */
        ContactType: "individual_interview" | "letter" | "collective_meeting";
        /** DateRange */
        DateRange: {
            /**
             * End
             * Format: date
             */
            end: string;
            /**
             * Start
             * Format: date
             */
            start: string;
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
         * ImportMode
         * @description ``all_or_nothing``: one bad row and nothing is written; ``keep_valid``: the valid rows
         *     are written and the bad ones reported.
         * @enum {string}
         */
        ImportMode: "all_or_nothing" | "keep_valid";
        /** JobRead */
        JobRead: {
            /** Attempts */
            attempts: number;
            /**
             * Created At
             * Format: date-time
             */
            created_at: string;
            /** Done */
            done: number;
            /** Error */
            error: string | null;
            /** Finished At */
            finished_at: string | null;
            /**
             * Id
             * Format: uuid
             */
            id: string;
            /** Kind */
            kind: string;
            /** Percent */
            percent: number;
            /** Result */
            result: {
                [key: string]: unknown;
            } | null;
            status: components["schemas"]["JobStatus"];
            /** Total */
            total: number;
        };
        /**
         * JobStatus
         * @enum {string}
         */
        JobStatus: "queued" | "running" | "succeeded" | "failed";
        /**
         * KitCategory
         * @description The circular's kit (§III.4).
         * @enum {string}
         */
        KitCategory: "bilan" | "questionnaire" | "interview_guide" | "letter_model" | "communication" | "queries" | "slideshow" | "script" | "catalogue" | "other";
        /** KitDocumentCreate */
        KitDocumentCreate: {
            /**
             * Adaptable
             * @description Whether caisses may attach their local adaptation.
             * @default false
             */
            adaptable: boolean;
            category: components["schemas"]["KitCategory"];
            /** Code */
            code: string;
            /**
             * Description
             * @default
             */
            description: string;
            /** Title */
            title: string;
        };
        /** KitDocumentDetail */
        KitDocumentDetail: {
            /**
             * Action Ids
             * @description The actions it is a tool of.
             */
            action_ids: number[];
            /** Adaptable */
            adaptable: boolean;
            /**
             * Adaptations
             * @description Local adaptations: the caller's caisse's, or every caisse's for the national office.
             */
            adaptations: components["schemas"]["AdaptationRead"][];
            category: components["schemas"]["KitCategory"];
            /** Code */
            code: string;
            /** @description The latest version; null before any. */
            current: components["schemas"]["KitVersionRead"] | null;
            /** Description */
            description: string;
            /** Id */
            id: number;
            /** Title */
            title: string;
            /**
             * Versions
             * @description Every version, newest first.
             */
            versions: components["schemas"]["KitVersionRead"][];
        };
        /** KitDocumentRead */
        KitDocumentRead: {
            /**
             * Action Ids
             * @description The actions it is a tool of.
             */
            action_ids: number[];
            /** Adaptable */
            adaptable: boolean;
            /**
             * Adaptations
             * @description Local adaptations: the caller's caisse's, or every caisse's for the national office.
             */
            adaptations: components["schemas"]["AdaptationRead"][];
            category: components["schemas"]["KitCategory"];
            /** Code */
            code: string;
            /** @description The latest version; null before any. */
            current: components["schemas"]["KitVersionRead"] | null;
            /** Description */
            description: string;
            /** Id */
            id: number;
            /** Title */
            title: string;
        };
        /**
         * KitNews
         * @description A version published since a date: what a caisse's managers are told about.
         */
        KitNews: {
            /** Changes */
            changes: string;
            /** Code */
            code: string;
            /** Document Id */
            document_id: number;
            /**
             * Published At
             * Format: date-time
             */
            published_at: string;
            /** Title */
            title: string;
            /** Version */
            version: number;
        };
        /** KitVersionRead */
        KitVersionRead: {
            /**
             * Changes
             * @description What changed since the previous version.
             */
            changes: string;
            /** Filename */
            filename: string;
            /** Media Type */
            media_type: string;
            /**
             * Published At
             * Format: date-time
             */
            published_at: string;
            /** Sha256 */
            sha256: string;
            /** Size Bytes */
            size_bytes: number;
            /** Version */
            version: number;
        };
        /** OppositionUpdate */
        OppositionUpdate: {
            /** Contact Opt Out */
            contact_opt_out: boolean;
        };
        /** Page[CaisseRead] */
        Page_CaisseRead_: {
            /** Items */
            items: components["schemas"]["CaisseRead"][];
            /** Limit */
            limit: number;
            /** Offset */
            offset: number;
            /** Total */
            total: number;
        };
        /** Page[PersonSummary] */
        Page_PersonSummary_: {
            /** Items */
            items: components["schemas"]["PersonSummary"][];
            /** Limit */
            limit: number;
            /** Offset */
            offset: number;
            /** Total */
            total: number;
        };
        /** Page[RowError] */
        Page_RowError_: {
            /** Items */
            items: components["schemas"]["RowError"][];
            /** Limit */
            limit: number;
            /** Offset */
            offset: number;
            /** Total */
            total: number;
        };
        /** Page[TargetListRead] */
        Page_TargetListRead_: {
            /** Items */
            items: components["schemas"]["TargetListRead"][];
            /** Limit */
            limit: number;
            /** Offset */
            offset: number;
            /** Total */
            total: number;
        };
        /** PersonBatch */
        PersonBatch: {
            /** @default all_or_nothing */
            mode: components["schemas"]["ImportMode"];
            /** Persons */
            persons: components["schemas"]["PersonIn"][];
        };
        /**
         * PersonContactDetails
         * @description What writing to a person needs, without NIR or career (scope
         *     ``targeting:contact-details``).
         */
        PersonContactDetails: {
            /** Address Line */
            address_line: string | null;
            /** Caisse Code */
            caisse_code: string;
            /** City */
            city: string | null;
            /** Contact Opt Out */
            contact_opt_out: boolean;
            /** Email */
            email: string | null;
            /** First Name */
            first_name: string;
            /** Id */
            id: number;
            /** Last Name */
            last_name: string;
            /** Phone */
            phone: string | null;
            /** Postcode */
            postcode: string | null;
            /**
             * Sex
             * @description 1 man, 2 woman: the salutation.
             */
            sex: number;
        };
        /** PersonFile */
        PersonFile: {
            /** Activity Code */
            activity_code: string | null;
            /** Address Line */
            address_line: string | null;
            /** Affiliated On */
            affiliated_on: string | null;
            /** Auto Entrepreneur */
            auto_entrepreneur: boolean;
            /**
             * Birth Date
             * Format: date
             */
            birth_date: string;
            /** Business Created On */
            business_created_on: string | null;
            /** Caisse Code */
            caisse_code: string;
            /** City */
            city: string | null;
            /** Conjoint Collaborateur */
            conjoint_collaborateur: boolean;
            /** Contact Opt Out */
            contact_opt_out: boolean;
            /** Cross Border */
            cross_border: boolean;
            /** Eirl */
            eirl: boolean;
            /** Email */
            email: string | null;
            /** First Name */
            first_name: string;
            /** Id */
            id: number;
            /** Incomplete Career */
            incomplete_career: boolean;
            /** Invalidity Pension */
            invalidity_pension: boolean;
            /** Last Contacted On */
            last_contacted_on: string | null;
            /** Last Name */
            last_name: string;
            /** Nir */
            nir: string;
            /** Phone */
            phone: string | null;
            /** Postcode */
            postcode: string | null;
            /** Professional Category */
            professional_category: string | null;
            professional_group: components["schemas"]["ProfessionalGroup"];
            /** Required Quarters */
            required_quarters: number;
            /** Sex */
            sex: number;
            status: components["schemas"]["PersonStatus"];
            /** Validated Quarters */
            validated_quarters: number;
        };
        /**
         * PersonIn
         * @description One person of a JSON batch; the registry's exchange format (see ``columns.py``).
         */
        PersonIn: {
            /** Activity Code */
            activity_code?: string | null;
            /** Address Line */
            address_line?: string | null;
            /** Affiliated On */
            affiliated_on?: string | null;
            /**
             * Auto Entrepreneur
             * @default false
             */
            auto_entrepreneur: boolean;
            /**
             * Birth Date
             * Format: date
             */
            birth_date: string;
            /** Business Created On */
            business_created_on?: string | null;
            /** Caisse Code */
            caisse_code: string;
            /** City */
            city?: string | null;
            /**
             * Conjoint Collaborateur
             * @default false
             */
            conjoint_collaborateur: boolean;
            /**
             * Contact Opt Out
             * @default false
             */
            contact_opt_out: boolean;
            /**
             * Cross Border
             * @default false
             */
            cross_border: boolean;
            /**
             * Eirl
             * @default false
             */
            eirl: boolean;
            /** Email */
            email?: string | null;
            /** First Name */
            first_name: string;
            /**
             * Invalidity Pension
             * @default false
             */
            invalidity_pension: boolean;
            /** Last Name */
            last_name: string;
            /** Nir */
            nir: string;
            /** Phone */
            phone?: string | null;
            /** Postcode */
            postcode?: string | null;
            /** Professional Category */
            professional_category?: string | null;
            professional_group: components["schemas"]["ProfessionalGroup"];
            /** Required Quarters */
            required_quarters: number;
            /** Sex */
            sex: number;
            status: components["schemas"]["PersonStatus"];
            /** Validated Quarters */
            validated_quarters: number;
        };
        /** PersonName */
        PersonName: {
            /** First Name */
            first_name: string;
            /** Id */
            id: number;
            /** Last Name */
            last_name: string;
        };
        /**
         * PersonNamesQuery
         * @description Whose names another service shows (an agenda, a worklist): ids only, at most 500.
         */
        PersonNamesQuery: {
            /** Person Ids */
            person_ids: number[];
            /**
             * Purpose
             * @description Why (for the audit).
             */
            purpose?: string | null;
        };
        /**
         * PersonSearch
         * @description Search criteria travel in the body: a NIR never goes into a URL.
         */
        PersonSearch: {
            /** Caisse Code */
            caisse_code?: string | null;
            /** Name */
            name?: string | null;
            /** Nir */
            nir?: string | null;
            /**
             * Purpose
             * @description Why (for the audit log).
             */
            purpose?: string | null;
        };
        /**
         * PersonStatus
         * @enum {string}
         */
        PersonStatus: "active" | "retired" | "struck_off";
        /** PersonSummary */
        PersonSummary: {
            /** Auto Entrepreneur */
            auto_entrepreneur: boolean;
            /**
             * Birth Date
             * Format: date
             */
            birth_date: string;
            /** Caisse Code */
            caisse_code: string;
            /** City */
            city: string | null;
            /** First Name */
            first_name: string;
            /** Id */
            id: number;
            /** Last Name */
            last_name: string;
            /** Postcode */
            postcode: string | null;
            /** Professional Category */
            professional_category: string | null;
            professional_group: components["schemas"]["ProfessionalGroup"];
            status: components["schemas"]["PersonStatus"];
        };
        /** PriorityGroup */
        "PriorityGroup-Input": {
            criteria: components["schemas"]["TargetFilter-Input"];
            /** Label */
            label: string;
        };
        /** PriorityGroup */
        "PriorityGroup-Output": {
            criteria: components["schemas"]["TargetFilter-Output"];
            /** Label */
            label: string;
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
        /** ProfessionalCategoryRead */
        ProfessionalCategoryRead: {
            group: components["schemas"]["ProfessionalGroup"];
            /**
             * Has Risk Information
             * @description Professional-risk information exists: trade-show meetings are allowed.
             */
            has_risk_information: boolean;
            /** Name */
            name: string;
        };
        /**
         * ProfessionalGroup
         * @enum {string}
         */
        ProfessionalGroup: "artisan" | "commercant" | "liberal";
        /** RowError */
        RowError: {
            /** Field */
            field: string;
            /**
             * Line
             * @description CSV line number (header is line 1), or batch index + 1.
             */
            line: number;
            /** Message */
            message: string;
        };
        /**
         * Sampling
         * @description Keep ``size`` people, or a ``share`` of them, drawn reproducibly from ``seed``:
         *     higher priority groups are filled first, at random within a group.
         */
        Sampling: {
            /**
             * Seed
             * @default 1
             */
            seed: number;
            /** Share */
            share?: number | null;
            /** Size */
            size?: number | null;
        };
        /**
         * TargetDefinition
         * @description Who an action targets, and in which order to contact them. People matching none of
         *     the priority groups come last.
         */
        "TargetDefinition-Input": {
            filter: components["schemas"]["TargetFilter-Input"];
            /**
             * Priorities
             * @default []
             */
            priorities: components["schemas"]["PriorityGroup-Input"][];
        };
        /**
         * TargetDefinition
         * @description Who an action targets, and in which order to contact them. People matching none of
         *     the priority groups come last.
         */
        "TargetDefinition-Output": {
            filter: components["schemas"]["TargetFilter-Output"];
            /**
             * Priorities
             * @default []
             */
            priorities: components["schemas"]["PriorityGroup-Output"][];
        };
        /**
         * TargetFilter
         * @description Criteria combined with AND; a list criterion matches any of its values.
         */
        "TargetFilter-Input": {
            /** Activity Codes */
            activity_codes?: string[] | null;
            affiliated_between?: components["schemas"]["DateRange"] | null;
            /** Auto Entrepreneur */
            auto_entrepreneur?: boolean | null;
            birth_year_range?: components["schemas"]["YearRange"] | null;
            /** Birth Years */
            birth_years?: number[] | null;
            /** Caisses */
            caisses?: string[] | null;
            /** Conjoint Collaborateur */
            conjoint_collaborateur?: boolean | null;
            created_between?: components["schemas"]["DateRange"] | null;
            /** Cross Border */
            cross_border?: boolean | null;
            /** Incomplete Career */
            incomplete_career?: boolean | null;
            /** Professional Categories */
            professional_categories?: string[] | null;
            /** Professional Groups */
            professional_groups?: components["schemas"]["ProfessionalGroup"][] | null;
            /** Sexes */
            sexes?: (1 | 2)[] | null;
            /** Statuses */
            statuses?: components["schemas"]["PersonStatus"][] | null;
        };
        "TargetFilter-Output": {
            [key: string]: unknown;
        };
        /** TargetingStats */
        TargetingStats: {
            /**
             * Items
             * @description One item per (caisse, action of the year visible to that caisse).
             */
            items: components["schemas"]["ActionStats"][];
        };
        /** TargetListCreate */
        TargetListCreate: {
            /**
             * Caisse Code
             * @description Required for national users; a manager's own.
             */
            caisse_code?: string | null;
            sampling?: components["schemas"]["Sampling"] | null;
            /**
             * Seed
             * @description Order within a priority group.
             * @default 1
             */
            seed: number;
        };
        /** TargetListMemberRead */
        TargetListMemberRead: {
            /** Address Line */
            address_line: string | null;
            /**
             * Birth Date
             * Format: date
             */
            birth_date: string;
            /** City */
            city: string | null;
            /** Email */
            email: string | null;
            /** First Name */
            first_name: string;
            /** Incomplete Career */
            incomplete_career: boolean;
            /** Last Name */
            last_name: string;
            /** Person Id */
            person_id: number;
            /** Phone */
            phone: string | null;
            /** Postcode */
            postcode: string | null;
            /** Priority Group */
            priority_group: number;
            professional_group: components["schemas"]["ProfessionalGroup"];
            /** Rank */
            rank: number;
            /**
             * Sex
             * @description 1 man, 2 woman (as in the NIR).
             */
            sex: number;
            status: components["schemas"]["PersonStatus"];
        };
        /**
         * TargetListMembers
         * @description A page of a list, by rank; ``next_after_rank`` fetches the next page.
         */
        TargetListMembers: {
            /** Items */
            items: components["schemas"]["TargetListMemberRead"][];
            /** Next After Rank */
            next_after_rank: number | null;
        };
        /** TargetListPersonIds */
        TargetListPersonIds: {
            /** Next After Rank */
            next_after_rank: number | null;
            /** Person Ids */
            person_ids: number[];
        };
        /** TargetListRead */
        TargetListRead: {
            /** Action Id */
            action_id: number;
            /** Caisse Code */
            caisse_code: string;
            /**
             * Created At
             * Format: date-time
             */
            created_at: string;
            /** Created By */
            created_by: string;
            definition: components["schemas"]["TargetDefinition-Output"];
            /** Excluded Opt Out */
            excluded_opt_out: number;
            /** Excluded Recent Contact */
            excluded_recent_contact: number;
            /**
             * Id
             * Format: uuid
             */
            id: string;
            /**
             * Job Id
             * Format: uuid
             */
            job_id: string;
            /** Matched */
            matched: number;
            /** Recency Window Days */
            recency_window_days: number;
            sampling: components["schemas"]["Sampling"] | null;
            /** Size */
            size: number;
            /**
             * Status
             * @enum {string}
             */
            status: "building" | "ready" | "failed";
        };
        /** TargetListStarted */
        TargetListStarted: {
            job: components["schemas"]["JobRead"];
            list: components["schemas"]["TargetListRead"];
        };
        /** ToolsUpdate */
        ToolsUpdate: {
            /**
             * Action Ids
             * @description National actions only.
             */
            action_ids: number[];
        };
        /** Volumetry */
        Volumetry: {
            /** By Caisse */
            by_caisse: components["schemas"]["CaisseCount"][];
            /** By Priority */
            by_priority: number[];
            /** Priority Labels */
            priority_labels: string[];
            /** Total Matched */
            total_matched: number;
            /** Total Opted Out */
            total_opted_out: number;
        };
        /** VolumetryRequest */
        VolumetryRequest: {
            definition: components["schemas"]["TargetDefinition-Input"];
        };
        /**
         * YearPreparation
         * @description Next year's socle from this one: a copy of ``from_year``'s national actions that the
         *     national office edits before publishing it.
         */
        YearPreparation: {
            /**
             * From Year
             * @description The year copied (usually the last).
             */
            from_year: number;
            /**
             * Published On
             * @description From when caisses see it; none: not yet decided.
             */
            published_on?: string | null;
            /**
             * Shift Age Criteria
             * @description Move birth years and creation/affiliation dates by the years between the two (the EIG population born 1952 and 1957 becomes 1953 and 1958).
             * @default true
             */
            shift_age_criteria: boolean;
        };
        /** YearPublication */
        YearPublication: {
            /**
             * Published On
             * @description From when caisses see it; null: withdrawn.
             */
            published_on: string | null;
        };
        /** YearRange */
        YearRange: {
            /** End */
            end: number;
            /** Start */
            start: number;
        };
        /** YearRead */
        YearRead: {
            /** Criteria Shifted */
            criteria_shifted: boolean | null;
            /** National Actions */
            national_actions: number;
            /**
             * Prepared From
             * @description The year it was prepared from, if it was.
             */
            prepared_from: number | null;
            /**
             * Published
             * @description Whether caisses see its socle today.
             */
            published: boolean;
            /** Published On */
            published_on: string | null;
            /** Year */
            year: number;
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
    get_action: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                action_id: number;
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
                    "application/json": components["schemas"]["ActionRead"];
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
    update_action: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                action_id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ActionUpdate"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ActionRead"];
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
    materialise_target_list: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                action_id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["TargetListCreate"];
            };
        };
        responses: {
            /** @description Successful Response */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TargetListStarted"];
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
    list_action_tools: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                action_id: number;
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
                    "application/json": components["schemas"]["KitDocumentRead"][];
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
    count_action_target: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                action_id: number;
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
                    "application/json": components["schemas"]["Volumetry"];
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
    list_caisses: {
        parameters: {
            query?: {
                /** @description Page size. */
                limit?: number;
                /** @description Rows to skip. */
                offset?: number;
            };
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
                    "application/json": components["schemas"]["Page_CaisseRead_"];
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
    get_caisse: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                code: string;
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
                    "application/json": components["schemas"]["CaisseRead"];
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
    record_contact_recency: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ContactRecencyBatch"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ContactRecencyReport"];
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
    start_import: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "multipart/form-data": components["schemas"]["Body_start_import"];
            };
        };
        responses: {
            /** @description Successful Response */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["JobRead"];
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
            /** @description Request Entity Too Large */
            413: {
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
    list_import_errors: {
        parameters: {
            query?: {
                /** @description Page size. */
                limit?: number;
                /** @description Rows to skip. */
                offset?: number;
            };
            header?: never;
            path: {
                job_id: string;
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
                    "application/json": components["schemas"]["Page_RowError_"];
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
    download_import_errors: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description `csv` (French Excel) or `xlsx`. */
                format: components["schemas"]["ExportFormat"];
                job_id: string;
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
    get_job: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                job_id: string;
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
                    "application/json": components["schemas"]["JobRead"];
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
    list_kit_documents: {
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
                    "application/json": components["schemas"]["KitDocumentRead"][];
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
    create_kit_document: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["KitDocumentCreate"];
            };
        };
        responses: {
            /** @description Successful Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["KitDocumentRead"];
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
    get_kit_document: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                document_id: number;
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
                    "application/json": components["schemas"]["KitDocumentDetail"];
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
    set_kit_document_actions: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                document_id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ToolsUpdate"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["KitDocumentRead"];
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
    upload_kit_adaptation: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                document_id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "multipart/form-data": components["schemas"]["Body_upload_kit_adaptation"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AdaptationRead"];
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
    download_kit_adaptation: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                caisse_code: string;
                document_id: number;
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
                    "application/json": unknown;
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
    publish_kit_version: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                document_id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "multipart/form-data": components["schemas"]["Body_publish_kit_version"];
            };
        };
        responses: {
            /** @description Successful Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["KitVersionRead"];
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
    download_kit_version: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                document_id: number;
                version: number;
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
                    "application/json": unknown;
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
    list_kit_news: {
        parameters: {
            query: {
                /** @description Versions published after this instant. */
                since: string;
            };
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
                    "application/json": components["schemas"]["KitNews"][];
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
    read_person: {
        parameters: {
            query?: {
                /** @description Why, for the audit log. */
                purpose?: string | null;
            };
            header?: never;
            path: {
                person_id: number;
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
                    "application/json": components["schemas"]["PersonFile"];
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
    read_person_contact_details: {
        parameters: {
            query?: {
                /** @description Why, for the audit log. */
                purpose?: string | null;
            };
            header?: never;
            path: {
                person_id: number;
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
                    "application/json": components["schemas"]["PersonContactDetails"];
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
    set_opposition: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                person_id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["OppositionUpdate"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PersonFile"];
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
    import_person_batch: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PersonBatch"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BatchReport"];
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
            /** @description Request Entity Too Large */
            413: {
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
    read_person_names: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PersonNamesQuery"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PersonName"][];
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
    search_persons: {
        parameters: {
            query?: {
                /** @description Page size. */
                limit?: number;
                /** @description Rows to skip. */
                offset?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PersonSearch"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Page_PersonSummary_"];
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
    list_actions: {
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
                    "application/json": components["schemas"]["ActionRead"][];
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
    create_action: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                year: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ActionCreate"];
            };
        };
        responses: {
            /** @description Successful Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ActionRead"];
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
    carry_over: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                year: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CarryOver"];
            };
        };
        responses: {
            /** @description Successful Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CarryOverResult"];
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
    prepare_year: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                year: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["YearPreparation"];
            };
        };
        responses: {
            /** @description Successful Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["YearRead"];
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
    publish_year: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                year: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["YearPublication"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["YearRead"];
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
    list_years: {
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
                    "application/json": components["schemas"]["YearRead"][];
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
    list_professional_categories: {
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
                    "application/json": components["schemas"]["ProfessionalCategoryRead"][];
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
    get_targeting_stats: {
        parameters: {
            query: {
                caisse_code?: string | null;
                year: number;
            };
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
                    "application/json": components["schemas"]["TargetingStats"];
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
    list_target_lists: {
        parameters: {
            query?: {
                action_id?: number | null;
                /** @description Page size. */
                limit?: number;
                /** @description Rows to skip. */
                offset?: number;
            };
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
                    "application/json": components["schemas"]["Page_TargetListRead_"];
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
    get_target_list: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                list_id: string;
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
                    "application/json": components["schemas"]["TargetListRead"];
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
    export_target_list: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description `csv` (French Excel) or `xlsx`. */
                format: components["schemas"]["ExportFormat"];
                list_id: string;
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
    list_target_list_members: {
        parameters: {
            query?: {
                after_rank?: number;
                limit?: number;
            };
            header?: never;
            path: {
                list_id: string;
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
                    "application/json": components["schemas"]["TargetListMembers"];
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
    list_target_list_person_ids: {
        parameters: {
            query?: {
                after_rank?: number;
                limit?: number;
            };
            header?: never;
            path: {
                list_id: string;
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
                    "application/json": components["schemas"]["TargetListPersonIds"];
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
    count_definition: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["VolumetryRequest"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Volumetry"];
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
