/// The OpenAPI document of the lookup API, as committed in `docs/openapi.yaml`
/// (a test checks that the two are equal).
enum OpenAPIDocument {
    static let yaml = #"""
        openapi: 3.1.0
        info:
          title: MRA gateway lookup API
          version: "1"
          description: >
            Lookup of trusted traders across CTPAT and its MRA partner programs, screening of declaration
            lines in bulk, and equivalence of programs, roles and criteria. Served by `mra-gateway serve`;
            every body equals the output of the matching CLI command with `--format json` (screening: of
            `mra-gateway screen`). GET with no request body, but for `POST /v1/screenings`; request target at
            most 2048 bytes. Errors are `{"error":{"code":…,"message":…}}` with a stable code. Who may ask:
            the security schemes below (docs/operations.md, "Exposing the API").
        security:
          # Optional at the document's level: a server without a clients file answers anyone (on loopback only).
          - {}
          - apiKey: []
          - clientCertificate: []
        paths:
          /health:
            get:
              summary: Liveness and the size of the identifier index.
              responses:
                "200": {description: OK, content: {application/json: {schema: {type: object}}}}
          /metrics:
            get:
              summary: The server's figures in Prometheus's text format (the operator role when the server has clients).
              description: >
                mra_http_requests_total{route,method,status}, mra_http_request_duration_seconds{route} (a
                histogram), mra_screening_lines_total{outcome}, mra_registry_members{program,status},
                mra_exchange_files{partner,direction,outcome}, mra_exchange_last_success_timestamp_seconds{partner,direction},
                mra_trust_expiry_days{program,kind,file}, mra_lookup_identifiers_indexed.
              responses:
                "200": {description: OK, content: {text/plain: {schema: {type: string}}}}
                "401": {$ref: "#/components/responses/Error"}
                "403": {$ref: "#/components/responses/Error"}
          /openapi.yaml:
            get:
              summary: This document.
              responses:
                "200": {description: OK, content: {application/yaml: {schema: {type: string}}}}
          /v1/traders/{id}:
            get:
              summary: Who knows the trader with this identifier, its status, MIDs and MRA benefits at a US entry.
              parameters:
                - {name: id, in: path, required: true, schema: {type: string, minLength: 1, maxLength: 64, pattern: "^[^\\u0000-\\u0020\\u007F]+$"}, description: "Printable, no spaces (at most 64 characters)."}
                - {name: scheme, in: query, required: false, schema: {type: string}, description: "Identifier scheme (Mappings/identifiers.xml); detected when absent."}
                - {name: at, in: query, required: false, schema: {type: string, format: date}, description: "Answer as of this day (default today, UTC)."}
              responses:
                "401": {$ref: "#/components/responses/Error"}
                "403": {$ref: "#/components/responses/Error"}
                "200": {description: The answer (found false when no member carries the id), content: {application/json: {schema: {$ref: "#/components/schemas/TraderAnswer"}}}}
                "400": {$ref: "#/components/responses/Error"}
                "404": {$ref: "#/components/responses/Error"}
                "503": {$ref: "#/components/responses/Error"}
          /v1/screenings:
            post:
              summary: Screens a batch of declaration lines; one answer per line, in input order.
              description: >
                Each line names the trader's identifier as declared and the day of entry; the answer gives the
                member that decides it (of those carrying the id: the first that gets MRA benefits, else the
                first suspended, else the first), whether the entry gets MRA benefits with every check, and
                the outcome. A line that cannot be screened is answered `invalid` with its error; the batch
                goes on. The whole batch is read before the first answer: over 10,000 lines (the server's
                `serve.screening-lines`), or over 1 KiB a line on average, it is 413 and no line is
                answered. NDJSON in, NDJSON out; a JSON array in, a JSON array out.
              requestBody:
                required: true
                content:
                  application/x-ndjson:
                    schema: {type: string, description: "One Declaration object per line."}
                  application/json:
                    schema:
                      type: array
                      description: Declaration objects; any other item is answered `invalid` with its error, as a bad NDJSON line is.
                      items: {anyOf: [{$ref: "#/components/schemas/Declaration"}, {}]}
              responses:
                "401": {$ref: "#/components/responses/Error"}
                "403": {$ref: "#/components/responses/Error"}
                "200":
                  description: One answer per line, in input order.
                  content:
                    application/x-ndjson:
                      schema: {type: string, description: "One ScreeningAnswer object per line."}
                    application/json:
                      schema: {type: array, items: {$ref: "#/components/schemas/ScreeningAnswer"}}
                "400": {$ref: "#/components/responses/Error"}
                "413": {$ref: "#/components/responses/Error"}
                "415": {$ref: "#/components/responses/Error"}
                "503": {$ref: "#/components/responses/Error"}
          /v1/programs:
            get:
              summary: The program catalogue with eligibility and arrangements (the program graph).
              responses:
                "401": {$ref: "#/components/responses/Error"}
                "403": {$ref: "#/components/responses/Error"}
                "200": {description: OK, content: {application/json: {schema: {type: object}}}}
          /v1/equivalence/programs/{program}:
            get:
              summary: Whether the program is recognized by another (query `by`, default ctpat).
              parameters:
                - {name: program, in: path, required: true, schema: {type: string}}
                - {name: by, in: query, required: false, schema: {type: string, default: ctpat}}
              responses:
                "401": {$ref: "#/components/responses/Error"}
                "403": {$ref: "#/components/responses/Error"}
                "200": {description: OK, content: {application/json: {schema: {$ref: "#/components/schemas/ProgramEquivalence"}}}}
                "404": {$ref: "#/components/responses/Error"}
          /v1/equivalence/programs/{program}/{by}:
            get:
              summary: Whether `program` is recognized by `by`.
              parameters:
                - {name: program, in: path, required: true, schema: {type: string}}
                - {name: by, in: path, required: true, schema: {type: string}}
              responses:
                "401": {$ref: "#/components/responses/Error"}
                "403": {$ref: "#/components/responses/Error"}
                "200": {description: OK, content: {application/json: {schema: {$ref: "#/components/schemas/ProgramEquivalence"}}}}
                "404": {$ref: "#/components/responses/Error"}
          /v1/equivalence/roles/{role}:
            get:
              summary: A canonical role (or a native code of `program`) and its codes in every program.
              parameters:
                - {name: role, in: path, required: true, schema: {type: string}}
                - {name: program, in: query, required: false, schema: {type: string}}
              responses:
                "401": {$ref: "#/components/responses/Error"}
                "403": {$ref: "#/components/responses/Error"}
                "200": {description: OK, content: {application/json: {schema: {type: object}}}}
                "404": {$ref: "#/components/responses/Error"}
          /v1/equivalence/criteria/{criterion}:
            get:
              summary: A criterion (`framework:id`) and its crosswalk links, declared or derived through the hub.
              parameters:
                - {name: criterion, in: path, required: true, schema: {type: string, example: "ctpat:3.4"}}
                - {name: to, in: query, required: false, schema: {type: string}, description: "Only links to this framework."}
              responses:
                "401": {$ref: "#/components/responses/Error"}
                "403": {$ref: "#/components/responses/Error"}
                "200": {description: OK, content: {application/json: {schema: {type: object}}}}
                "404": {$ref: "#/components/responses/Error"}
        components:
          securitySchemes:
            apiKey:
              type: http
              scheme: bearer
              description: >
                An API key of the server's clients file (`serve.clients`, made by `mra-gateway api-client add`),
                as `Authorization: Bearer KEY`. When the server has clients, every route but /health and
                /openapi.yaml needs one (401 `unauthorized` without, 403 `forbidden` when the client's role is
                not enough: `lookup` for these routes).
            clientCertificate:
              type: mutualTLS
              description: A TLS client certificate whose SHA-256 the clients file names (HTTPS servers only).
          responses:
            Error:
              description: An error with a stable code.
              content:
                application/json:
                  schema:
                    type: object
                    required: [error]
                    properties:
                      error:
                        type: object
                        required: [code, message]
                        properties:
                          code: {type: string, enum: [invalid-id, scheme-mismatch, unknown-scheme, invalid-date, unknown-program, unknown-role, unknown-criterion, invalid-declaration, request-too-large, unsupported-media-type, uri-too-long, method-not-allowed, not-found, unauthorized, forbidden, origin-not-allowed, registry-unavailable]}
                          message: {type: string}
          schemas:
            ProgramEquivalence:
              type: object
              required: [program, by, recognized, relation]
              properties:
                program: {type: string}
                by: {type: string}
                recognized: {type: boolean}
                relation: {type: string, enum: [same, direct, none]}
                arrangement: {type: [object, "null"]}
                commonPartners: {type: array, items: {type: string}}
            TraderAnswer:
              type: object
              required: [id, asOf, scheme, ambiguous, candidates, found, members]
              properties:
                id: {type: string}
                asOf: {type: string, format: date}
                scheme: {type: [string, "null"]}
                ambiguous: {type: boolean}
                candidates:
                  type: array
                  items:
                    type: object
                    properties:
                      scheme: {type: string}
                      programs: {type: array, items: {type: string}}
                found: {type: boolean}
                members:
                  type: array
                  items:
                    allOf:
                      - {$ref: "#/components/schemas/MemberFacts"}
                      - type: object
                        properties:
                          mids:
                            type: array
                            items:
                              type: object
                              properties:
                                mid: {type: string}
                                validFrom: {type: string}
                                validTo: {type: string}
                          usEntry:
                            type: object
                            properties:
                              mraBenefits: {type: boolean}
                              basis: {type: string, enum: [mra, ctpat]}
                              checks: {type: array, items: {$ref: "#/components/schemas/Check"}}
            MemberFacts:
              type: object
              required: [program, programName, memberId, memberIdScheme, matchedOn, legalName, status, roles]
              properties:
                program: {type: string}
                programName: {type: string}
                memberId: {type: string}
                memberIdScheme: {type: string}
                matchedOn: {type: string}
                legalName: {type: string}
                status: {type: [string, "null"], enum: [active, suspended, revoked, withdrawn, null]}
                statusEffective: {type: string, format: date}
                statusReason: {type: string}
                authType: {type: string}
                roles: {type: array, items: {type: string}}
                consent: {type: boolean}
            Check:
              type: object
              required: [check, passed, reason]
              properties:
                check: {type: string, enum: [program-recognized, status-active, type-eligible, consent-given, not-suspended, role-covered]}
                passed: {type: boolean}
                reason: {type: string}
            Declaration:
              type: object
              required: [id, entryDate]
              properties:
                ref: {type: string, maxLength: 128, description: "The caller's reference for the line, echoed."}
                id: {type: string, maxLength: 64, description: "The trader's identifier as declared (any scheme)."}
                scheme: {type: string, description: "The identifier's scheme; detected when absent."}
                entryDate: {type: string, format: date, description: "The day of entry the answer is for."}
                role: {type: string, description: "The role the trader is declared in (canonical: importer, manufacturer…)."}
            ScreeningAnswer:
              type: object
              required: [line, outcome]
              properties:
                line: {type: integer, minimum: 1, description: "The line's number in the body (NDJSON) or its position (array)."}
                ref: {type: string}
                id: {type: string}
                scheme: {type: string}
                entryDate: {type: string}
                role: {type: string}
                outcome: {type: string, enum: [recognized, suspended, ineligible, unknown, invalid]}
                mraBenefits: {type: boolean}
                matches: {type: integer, minimum: 0, description: "How many members carry the id."}
                member:
                  oneOf:
                    - {type: "null"}
                    - allOf:
                        - {$ref: "#/components/schemas/MemberFacts"}
                        - {type: object, properties: {basis: {type: string, enum: [mra, ctpat]}}}
                checks:
                  type: array
                  description: Every check with its result; a reason only where it failed (the trader's GET gives every reason).
                  items:
                    type: object
                    required: [check, passed]
                    properties:
                      check: {type: string, enum: [program-recognized, status-active, type-eligible, consent-given, not-suspended, role-covered]}
                      passed: {type: boolean}
                      reason: {type: string}
                error:
                  type: object
                  required: [code, message]
                  properties:
                    code: {type: string}
                    message: {type: string}
        """#
}
