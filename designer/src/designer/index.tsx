// The designer area for admins, its own code-split chunk (app.tsx loads it lazily
// at /designer/*): the definition list and the editor of one document type. Its
// strings and styles come with the chunk.
import { Route, Routes } from 'react-router';
import { EditorScreen } from './editor-screen';
import { addDesignerResources } from './i18n';
import { DefinitionList } from './list/definition-list';
import './designer.css';

addDesignerResources();

export default function DesignerArea() {
  return (
    <div className="designer-area">
      <Routes>
        <Route index element={<DefinitionList />} />
        <Route path="edit/:key" element={<EditorScreen />} />
      </Routes>
    </div>
  );
}
