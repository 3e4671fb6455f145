import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Badge } from "@codegouvfr/react-dsfr/Badge";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { Select } from "@codegouvfr/react-dsfr/Select";
import { Upload } from "@codegouvfr/react-dsfr/Upload";
import { useEffect, useState, type FormEvent } from "react";
import { errorMessage } from "../api/problem";
import type { KitCategory, KitDocument } from "../api/types";
import { useSession } from "../auth/session";
import { DownloadButton } from "../components/DownloadButton";
import { formatDate, formatNumber } from "../format";
import {
  fetchAdaptation,
  fetchKitVersion,
  useCreateKitDocument,
  useKitDocuments,
  useKitNews,
  usePublishKitVersion,
  useUploadAdaptation,
} from "../hooks/queries/kit";
import { usePageTitle } from "../layout/usePageTitle";

export const KIT_CATEGORY_LABELS: Record<KitCategory, string> = {
  bilan: "Bilan type",
  questionnaire: "Questionnaire de satisfaction",
  interview_guide: "Trame d’entretien",
  letter_model: "Modèle de courrier",
  communication: "Support de communication",
  queries: "Modalités de requêtes et volumétrie",
  slideshow: "Diaporama",
  script: "Script",
  catalogue: "Catalogue des publications",
  other: "Autre",
};
const ACCEPT = ".pdf,.docx,.xlsx,.pptx,.odt,.ods,.odp,.png,.jpg,.jpeg";
const LAST_VISIT = "rsi.kit.lastVisit";

function fileSize(bytes: number): string {
  return bytes < 1024 * 1024
    ? `${formatNumber(Math.max(1, Math.round(bytes / 1024)))} ko`
    : `${(bytes / (1024 * 1024)).toLocaleString("fr-FR", { maximumFractionDigits: 1 })} Mo`;
}

/** Versions published since this browser's last visit of the kit (then the visit is noted). */
function News() {
  const [since] = useState(() => localStorage.getItem(LAST_VISIT));
  const news = useKitNews(since);
  useEffect(() => localStorage.setItem(LAST_VISIT, new Date().toISOString()), []);
  if (!news.data?.length) return null;
  return (
    <Alert
      severity="info"
      className="fr-mb-4w"
      title={news.data.length === 1 ? "Une nouvelle version depuis votre dernière visite" : `${news.data.length} nouvelles versions depuis votre dernière visite`}
      description={
        <ul>
          {news.data.map((item) => (
            <li key={`${item.document_id}-${item.version}`}>
              {item.title}, version {item.version} du {formatDate(item.published_at)} : {item.changes}
            </li>
          ))}
        </ul>
      }
    />
  );
}

function PublishVersion({ document }: { document: KitDocument }) {
  const [file, setFile] = useState<File | null>(null);
  const [changes, setChanges] = useState("");
  const publish = usePublishKitVersion(document.id);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (file) publish.mutate({ file, changes }, { onSuccess: () => setChanges("") });
  };
  return (
    <form onSubmit={submit} aria-label={`Publier une version de ${document.title}`} className="fr-mt-2w">
      <Upload
        label="Nouvelle version"
        hint="PDF, Word, Excel, PowerPoint, OpenDocument, PNG ou JPEG ; 20 Mo au plus."
        nativeInputProps={{ accept: ACCEPT, onChange: (e) => setFile(e.target.files?.[0] ?? null) }}
      />
      <Input
        label="Ce qui change"
        textArea
        nativeTextAreaProps={{ value: changes, onChange: (e) => setChanges(e.target.value), rows: 2 }}
      />
      {publish.isError && <Alert severity="error" small description={errorMessage(publish.error)} className="fr-mb-2w" />}
      <Button type="submit" disabled={!file || !changes.trim() || publish.isPending}>
        Publier la version {(document.current?.version ?? 0) + 1}
      </Button>
    </form>
  );
}

function Adaptation({ document, caisse }: { document: KitDocument; caisse: string }) {
  const upload = useUploadAdaptation(document.id);
  const mine = document.adaptations.find((a) => a.caisse_code === caisse);
  return (
    <div className="fr-mt-2w">
      {mine && (
        <p>
          Adaptation de votre caisse (sur la version {mine.based_on_version}, le {formatDate(mine.uploaded_at)})
          {mine.outdated && (
            <>
              {" "}
              <Badge small severity="warning" as="span">
                Version nationale plus récente
              </Badge>
            </>
          )}
        </p>
      )}
      <Upload
        label={mine ? "Remplacer l’adaptation de votre caisse" : "Déposer l’adaptation de votre caisse"}
        hint="PDF, Word, Excel, PowerPoint, OpenDocument, PNG ou JPEG ; 20 Mo au plus."
        disabled={upload.isPending || !document.current}
        nativeInputProps={{
          accept: ACCEPT,
          onChange: (e) => {
            const file = e.target.files?.[0];
            if (file) upload.mutate(file);
          },
        }}
      />
      {upload.isError && <Alert severity="error" small description={errorMessage(upload.error)} />}
      {upload.isSuccess && <p role="status">Adaptation enregistrée.</p>}
    </div>
  );
}

function DocumentCard({ document, national, caisse }: { document: KitDocument; national: boolean; caisse: string | null }) {
  const current = document.current;
  return (
    <li className="fr-mb-4w">
      <h3>{document.title}</h3>
      <p className="fr-mb-1w">
        <Badge small noIcon as="span">
          {KIT_CATEGORY_LABELS[document.category]}
        </Badge>{" "}
        {document.adaptable && (
          <Badge small severity="info" noIcon as="span">
            Adaptable localement
          </Badge>
        )}
      </p>
      {document.description && <p>{document.description}</p>}
      {current ? (
        <>
          <p>
            Version {current.version} du {formatDate(current.published_at)} ({current.filename},{" "}
            {fileSize(current.size_bytes)}) : {current.changes}
          </p>
          <DownloadButton
            label={`Télécharger la version ${current.version}`}
            fetchFile={() => fetchKitVersion(document.id, current.version, current.filename)}
          />
        </>
      ) : (
        <p>Aucune version publiée.</p>
      )}
      {national &&
        document.adaptations.map((adaptation) => (
          <p key={adaptation.caisse_code} className="fr-mt-1w">
            <DownloadButton
              priority="tertiary"
              label={`Adaptation ${adaptation.caisse_code}`}
              fetchFile={() => fetchAdaptation(document.id, adaptation.caisse_code, adaptation.filename)}
            />
          </p>
        ))}
      {national && <PublishVersion document={document} />}
      {caisse && document.adaptable && <Adaptation document={document} caisse={caisse} />}
    </li>
  );
}

function NewDocument() {
  const create = useCreateKitDocument();
  const [code, setCode] = useState("");
  const [title, setTitle] = useState("");
  const [category, setCategory] = useState<KitCategory>("communication");
  const [adaptable, setAdaptable] = useState(false);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate(
      { code, title, category, adaptable, description: "" },
      { onSuccess: () => (setCode(""), setTitle("")) },
    );
  };
  return (
    <form onSubmit={submit} aria-label="Nouveau document du kit" className="fr-mb-6w">
      <h2>Nouveau document du kit</h2>
      <div className="fr-grid-row fr-grid-row--gutters">
        <div className="fr-col-12 fr-col-md-3">
          <Input
            label="Code"
            hintText="Majuscules, chiffres, _ ou -"
            nativeInputProps={{ value: code, onChange: (e) => setCode(e.target.value.toUpperCase()) }}
          />
        </div>
        <div className="fr-col-12 fr-col-md-5">
          <Input label="Titre" nativeInputProps={{ value: title, onChange: (e) => setTitle(e.target.value) }} />
        </div>
        <div className="fr-col-12 fr-col-md-4">
          <Select
            label="Catégorie"
            nativeSelectProps={{ value: category, onChange: (e) => setCategory(e.target.value as KitCategory) }}
          >
            {Object.entries(KIT_CATEGORY_LABELS).map(([value, text]) => (
              <option key={value} value={value}>
                {text}
              </option>
            ))}
          </Select>
        </div>
      </div>
      <div className="fr-checkbox-group fr-mb-2w">
        <input id="kit-adaptable" type="checkbox" checked={adaptable} onChange={(e) => setAdaptable(e.target.checked)} />
        <label className="fr-label" htmlFor="kit-adaptable">
          Les caisses peuvent l’adapter localement
        </label>
      </div>
      {create.isError && <Alert severity="error" small description={errorMessage(create.error)} className="fr-mb-2w" />}
      <Button type="submit" disabled={!code || !title || create.isPending}>
        Créer le document
      </Button>
    </form>
  );
}

/** The national kit « Politique de contact »: what every caisse downloads, and adapts. */
export function KitPage() {
  usePageTitle("Kit « Politique de contact »");
  const user = useSession()?.user;
  const national = user?.role === "national" || user?.role === "admin";
  const caisse = user?.role === "caisse_manager" ? (user.caisse_code ?? null) : null;
  const documents = useKitDocuments();
  return (
    <div className="fr-container fr-py-4w">
      <h1>Kit « Politique de contact »</h1>
      <p>Les outils nationaux de la politique de contact, dans leur dernière version ; les précédentes restent disponibles.</p>
      <News />
      {national && <NewDocument />}
      {documents.isPending && <p role="status">Chargement du kit…</p>}
      {documents.isError && (
        <Alert severity="error" title="Impossible d’afficher le kit" description={errorMessage(documents.error)} />
      )}
      {documents.data && (
        <section aria-labelledby="documents">
          <h2 id="documents">Documents ({documents.data.length})</h2>
          {documents.data.length === 0 ? (
            <p>Le kit ne contient encore aucun document.</p>
          ) : (
            <ul className="fr-raw-list">
              {documents.data.map((document) => (
                <DocumentCard key={document.id} document={document} national={national} caisse={caisse} />
              ))}
            </ul>
          )}
        </section>
      )}
    </div>
  );
}
